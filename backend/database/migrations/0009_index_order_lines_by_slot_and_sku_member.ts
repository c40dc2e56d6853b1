import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Two segment conditions still read far more order lines than they keep (issue #7, 1,000,000
 * members, 10,000,000 lines):
 *
 * - Weekday and hour ("coffee on weekend mornings in 60 days") were tested inside the category
 *   index, so every coffee line of the window was read (2.7 M) to keep a third. With weekday
 *   and hour before the time, the compiler's `local_weekday IN (…) AND local_hour IN (…)`
 *   reads only the matching lines, one range per weekday and hour (1 M). The category index
 *   stays: conditions without a weekday or hour use its range on the time.
 * - "Never bought the new item" is checked member by member for the members another condition
 *   found; with the member after the SKU that is one lookup each instead of a set over every
 *   line of the SKU (800,000). The member takes the time's place: a SKU within a window reads
 *   every line of the SKU, still from the index (one SKU holds about a tenth of all lines).
 *
 * One index more on order lines to write than before: the SKU index is replaced, not added.
 */
const SLICE = ['kind', 'member_id', 'qty', 'returned_qty']
const SLOT = { name: 'order_lines_slot_window_index', columns: ['category', 'local_weekday', 'local_hour', 'paid_at', ...SLICE] }
const SKU_BY_TIME = { name: 'order_lines_sku_window_index', columns: ['sku', 'paid_at', ...SLICE] }
const SKU_BY_MEMBER = { name: 'order_lines_sku_member_index', columns: ['sku', 'member_id', 'paid_at', 'kind', 'qty', 'returned_qty'] }

export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('order_lines', (table) => {
      table.index(SLOT.columns, SLOT.name)
      table.index(SKU_BY_MEMBER.columns, SKU_BY_MEMBER.name)
    })
    this.schema.alterTable('order_lines', (table) => {
      table.dropIndex([], SKU_BY_TIME.name)
    })
  }

  async down() {
    this.schema.alterTable('order_lines', (table) => {
      table.index(SKU_BY_TIME.columns, SKU_BY_TIME.name)
    })
    this.schema.alterTable('order_lines', (table) => {
      table.dropIndex([], SKU_BY_MEMBER.name)
      table.dropIndex([], SLOT.name)
    })
  }
}
