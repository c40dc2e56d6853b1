import { DateTime } from 'luxon'
import { audit, type Actor } from '#services/audit'
import { transaction } from '#services/transactions'

export type ProductRecord = { sku: string; name: string; category: string; price: string; cost?: string }

/**
 * Creates or updates products by SKU in one multi-row upsert (catalogues are large), all or
 * nothing. The audit entry records the batch, not every row.
 */
export default class UpsertProducts {
  async handle(records: ProductRecord[], by: Actor) {
    const bySku = new Map(records.map((record) => [record.sku, record]))
    const rows = [...bySku.values()].map((record) => ({
      sku: record.sku,
      name: record.name,
      category: record.category,
      price: record.price,
      cost: record.cost ?? null,
      created_at: DateTime.utc().toJSDate(),
      updated_at: DateTime.utc().toJSDate(),
    }))

    return transaction(async (trx) => {
      const existing = await trx.from('products').whereIn('sku', [...bySku.keys()]).count('* as total')
      await trx
        .knexQuery()
        .table('products')
        .insert(rows)
        .onConflict('sku')
        .merge(['name', 'category', 'price', 'cost', 'updated_at'])
      const updated = Number(existing[0].total)
      const result = { created: rows.length - updated, updated }
      await audit(by, 'product.upsert', { type: 'product', id: null }, { skus: { to: rows.length } }, trx)
      return result
    })
  }
}
