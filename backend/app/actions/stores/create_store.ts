import Store from '#models/store'
import Region from '#models/region'
import { StoreStatus } from '#enums/store'
import { ConflictException, UnprocessableException } from '#exceptions/api_exceptions'
import { audit, diff, type Actor } from '#services/audit'
import { transaction } from '#services/transactions'

export type CreateStoreInput = { code: string; name: string; city?: string; regionId?: number }

export default class CreateStore {
  async handle(input: CreateStoreInput, by: Actor): Promise<Store> {
    return transaction(async (trx) => {
      if (input.regionId && !(await Region.find(input.regionId, { client: trx }))) {
        throw new UnprocessableException('Unknown region', 'region_id', 'exists')
      }
      if (await Store.findBy('code', input.code, { client: trx })) {
        throw new ConflictException(`Store code ${input.code} is already used`, 'store_code_taken', 'code')
      }
      const store = await Store.create(
        {
          code: input.code,
          name: input.name,
          city: input.city ?? null,
          regionId: input.regionId ?? null,
          status: StoreStatus.Open,
        },
        { client: trx }
      )
      await audit(
        by,
        'store.create',
        { type: 'store', id: store.id },
        diff({}, { code: store.code, name: store.name, city: store.city, region_id: store.regionId }),
        trx
      )
      return store
    })
  }
}
