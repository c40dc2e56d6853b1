import Store from '#models/store'
import Region from '#models/region'
import type { StoreStatus } from '#enums/store'
import { UnprocessableException } from '#exceptions/api_exceptions'
import { audit, defined, diff, type Actor } from '#services/audit'
import { transaction } from '#services/transactions'

export type UpdateStoreInput = Partial<{
  name: string
  city: string | null
  regionId: number | null
  status: StoreStatus
}>

export default class UpdateStore {
  async handle(storeId: number, input: UpdateStoreInput, by: Actor): Promise<Store> {
    return transaction(async (trx) => {
      const store = await Store.query({ client: trx }).where('id', storeId).forUpdate().firstOrFail()
      if (input.regionId && !(await Region.find(input.regionId, { client: trx }))) {
        throw new UnprocessableException('Unknown region', 'region_id', 'exists')
      }
      const before = { name: store.name, city: store.city, region_id: store.regionId, status: store.status }
      store.merge(defined(input))
      await store.useTransaction(trx).save()
      const after = { name: store.name, city: store.city, region_id: store.regionId, status: store.status }
      await audit(by, 'store.update', { type: 'store', id: store.id }, diff(before, after), trx)
      return store
    })
  }
}
