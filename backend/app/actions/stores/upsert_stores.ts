import Store from '#models/store'
import Region from '#models/region'
import { StoreStatus } from '#enums/store'
import { audit, diff, type Actor } from '#services/audit'
import { transaction } from '#services/transactions'

export type StoreRecord = { code: string; name: string; region?: string; city?: string }

/**
 * Creates or updates stores by code, as POS/ERP push them. All or nothing; a region named by
 * code is created when new. Answers how many were created and updated.
 */
export default class UpsertStores {
  async handle(records: StoreRecord[], by: Actor) {
    return transaction(async (trx) => {
      let created = 0
      let updated = 0
      const regions = new Map<string, Region>()

      for (const record of records) {
        let regionId: number | null | undefined
        if (record.region) {
          let region = regions.get(record.region)
          if (!region) {
            region = await Region.firstOrCreate(
              { code: record.region },
              { code: record.region, name: record.region },
              { client: trx }
            )
            regions.set(record.region, region)
          }
          regionId = region.id
        }

        const store = await Store.query({ client: trx }).where('code', record.code).forUpdate().first()
        const next = {
          name: record.name,
          ...(record.city !== undefined ? { city: record.city } : {}),
          ...(regionId !== undefined ? { regionId } : {}),
        }
        if (!store) {
          const fresh = await Store.create(
            { code: record.code, status: StoreStatus.Open, city: null, regionId: null, ...next },
            { client: trx }
          )
          created++
          await audit(by, 'store.upsert', { type: 'store', id: fresh.id }, diff({}, { code: fresh.code, ...next }), trx)
          continue
        }
        const before = { name: store.name, city: store.city, regionId: store.regionId }
        store.merge(next)
        if (!store.$isDirty) continue
        await store.useTransaction(trx).save()
        updated++
        await audit(
          by,
          'store.upsert',
          { type: 'store', id: store.id },
          diff(before, { name: store.name, city: store.city, regionId: store.regionId }),
          trx
        )
      }
      return { created, updated, unchanged: records.length - created - updated }
    })
  }
}
