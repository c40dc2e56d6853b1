import Region from '#models/region'
import { ConflictException } from '#exceptions/api_exceptions'
import { audit, diff, type Actor } from '#services/audit'
import { transaction } from '#services/transactions'

export default class CreateRegion {
  async handle(input: { code: string; name: string }, by: Actor): Promise<Region> {
    return transaction(async (trx) => {
      if (await Region.findBy('code', input.code, { client: trx })) {
        throw new ConflictException(`Region code ${input.code} is already used`, 'region_code_taken', 'code')
      }
      const region = await Region.create(input, { client: trx })
      await audit(by, 'region.create', { type: 'region', id: region.id }, diff({}, input), trx)
      return region
    })
  }
}
