import { DateTime } from 'luxon'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import { OrderType } from '#enums/loyalty'
import { timezone } from '#config/app'

type Line = { sku: string; category: string; qty: number; amount: string }
type Purchase = { memberId: number; storeId: number; channel: string; paidAt: DateTime; paid: string; lines: Line[] }

const DIMENSIONS = ['category', 'sku', 'store', 'weekday', 'hour'] as const

/** Local weekday (Mon=1) and hour of an instant in the enterprise zone. */
export function localSlot(at: DateTime) {
  const local = at.setZone(timezone)
  return { weekday: local.weekday, hour: local.hour }
}

/**
 * A member's statistics move with each sale and return, in the order's transaction: totals,
 * first/last purchase, and the per-dimension counts behind favourites and the portrait's
 * heatmap. `sign` is +1 for a sale, −1 for returned quantities. `also`: other columns of the
 * member's row the order changed (balance, spend, tier), written in the same statement.
 */
export async function recordPurchase(trx: TransactionClientContract, purchase: Purchase, sign: 1 | -1, also: Record<string, string | number | Date> = {}) {
  const { weekday, hour } = localSlot(purchase.paidAt)
  const rows = new Map<string, { dimension: string; value: string; quantity: number; amount: number }>()
  const add = (dimension: string, value: string, quantity: number, amount: number) => {
    const key = `${dimension}\u0000${value}`
    const row = rows.get(key) ?? { dimension, value, quantity: 0, amount: 0 }
    row.quantity += quantity
    row.amount += amount
    rows.set(key, row)
  }
  for (const line of purchase.lines) {
    const amount = Number(line.amount)
    add('category', line.category, line.qty, amount)
    add('sku', line.sku, line.qty, amount)
  }
  const units = purchase.lines.reduce((sum, l) => sum + l.qty, 0)
  const total = Number(purchase.paid)
  add('store', String(purchase.storeId), units, total)
  add('channel', purchase.channel, units, total)
  add('weekday', String(weekday), units, total)
  add('hour', String(hour), units, total)
  add('slot', `${weekday}:${hour}`, units, total)

  const values = [...rows.values()]
  await trx.rawQuery(
    `INSERT INTO member_preferences (member_id, dimension, value, quantity, amount) VALUES ${values.map(() => '(?, ?, ?, ?, ?)').join(', ')}
     ON DUPLICATE KEY UPDATE quantity = GREATEST(quantity + VALUES(quantity), 0), amount = GREATEST(amount + VALUES(amount), 0)`,
    values.flatMap((r) => [purchase.memberId, r.dimension, r.value, sign * r.quantity, (sign * r.amount).toFixed(2)])
  )

  // The totals and the favourites (from the counts just written) in one statement.
  const totals =
    sign === 1
      ? `lifetime_spend = lifetime_spend + ?, order_count = order_count + 1,
         first_purchase_at = LEAST(COALESCE(first_purchase_at, ?), ?), last_purchase_at = GREATEST(COALESCE(last_purchase_at, ?), ?)`
      : 'lifetime_spend = GREATEST(lifetime_spend - ?, 0)'
  const paidAt = purchase.paidAt.toJSDate()
  const favourites = favouritesSql(purchase.memberId)
  const others = Object.keys(also).map((column) => `, ${column} = ?`).join('')
  await trx.rawQuery(`UPDATE members SET ${totals}, ${favourites.sql}${others}, updated_at = ? WHERE id = ?`, [
    purchase.paid,
    ...(sign === 1 ? [paidAt, paidAt, paidAt, paidAt] : []),
    ...favourites.bindings,
    ...Object.values(also),
    new Date(),
    purchase.memberId,
  ])
}

/**
 * A sale refunded in full no longer counts as a purchase: the order count and the first and
 * last purchase are taken again from the member's sales still (partly) kept.
 */
export async function forgetRefundedSale(trx: TransactionClientContract, memberId: number) {
  await trx.rawQuery(
    `UPDATE members m JOIN (
       SELECT COUNT(*) AS n, MIN(paid_at) AS first_at, MAX(paid_at) AS last_at
       FROM orders WHERE member_id = ? AND type = ? AND refunded < paid
     ) s SET m.order_count = s.n, m.first_purchase_at = s.first_at, m.last_purchase_at = s.last_at
     WHERE m.id = ?`,
    [memberId, OrderType.Sale, memberId]
  )
}

/**
 * `favorite_* = …` assignments: per dimension the value bought most (by quantity, then amount,
 * then value), from the member's preference counts.
 */
function favouritesSql(memberId: number) {
  const top = (dimension: string) =>
    `(SELECT p.value FROM member_preferences p WHERE p.member_id = ? AND p.dimension = '${dimension}' AND p.quantity > 0
      ORDER BY p.quantity DESC, p.amount DESC, p.value LIMIT 1)`
  const columns: [string, (typeof DIMENSIONS)[number], boolean][] = [
    ['favorite_category', 'category', false],
    ['favorite_sku', 'sku', false],
    ['favorite_store_id', 'store', true],
    ['favorite_weekday', 'weekday', true],
    ['favorite_hour', 'hour', true],
  ]
  return {
    sql: columns.map(([column, dimension, numeric]) => `${column} = ${numeric ? `CAST(${top(dimension)} AS UNSIGNED)` : top(dimension)}`).join(', '),
    bindings: columns.map(() => memberId),
  }
}

/**
 * Lines written without their local weekday and hour (bulk loads, lines older than the
 * column) get them from the zone's current offset: exact for zones without daylight saving.
 */
export async function backfillLocalSlots(client: QueryClientContract, zone = timezone) {
  const offset = DateTime.now().setZone(zone).offset
  await client.rawQuery(
    `UPDATE order_lines SET local_weekday = WEEKDAY(paid_at + INTERVAL ? MINUTE) + 1, local_hour = HOUR(paid_at + INTERVAL ? MINUTE)
     WHERE local_weekday IS NULL`,
    [offset, offset]
  )
}

/**
 * Rebuilds every member's statistics from their orders, set-based (the `stats:rebuild`
 * command, and after a bulk import).
 */
export async function rebuildStatistics(client: QueryClientContract, memberId?: number) {
  // One member (after a merge) or everyone: the same statements, narrowed.
  const only = memberId === undefined ? '' : ' AND member_id = ?'
  const onlyBinding = memberId === undefined ? [] : [memberId]
  await client.rawQuery(`DELETE FROM member_preferences WHERE 1 = 1${only}`, onlyBinding)
  const kept = `l.kind = ? AND l.member_id IS NOT NULL AND l.qty > l.returned_qty${memberId === undefined ? '' : ' AND l.member_id = ?'}`
  const units = 'SUM(l.qty - l.returned_qty)'
  const value = 'SUM((l.qty - l.returned_qty) * l.unit_price)'
  for (const [dimension, expression] of [
    ['category', 'l.category'],
    ['sku', 'l.sku'],
    ['store', 'l.store_id'],
    ['channel', 'l.channel'],
    ['weekday', 'l.local_weekday'],
    ['hour', 'l.local_hour'],
    ['slot', "CONCAT(l.local_weekday, ':', l.local_hour)"],
  ]) {
    await client.rawQuery(
      `INSERT INTO member_preferences (member_id, dimension, value, quantity, amount)
       SELECT l.member_id, ?, ${expression}, ${units}, ${value} FROM order_lines l WHERE ${kept}
       GROUP BY l.member_id, ${expression}`,
      [dimension, OrderType.Sale, ...onlyBinding]
    )
  }
  await client.rawQuery(
    `UPDATE members m LEFT JOIN (
       SELECT member_id, COUNT(*) AS n, SUM(paid - refunded) AS spend, MIN(paid_at) AS first_at, MAX(paid_at) AS last_at
       FROM orders WHERE type = ? AND member_id IS NOT NULL AND refunded < paid${only} GROUP BY member_id
     ) s ON s.member_id = m.id
     SET m.order_count = COALESCE(s.n, 0), m.lifetime_spend = COALESCE(s.spend, 0),
         m.first_purchase_at = s.first_at, m.last_purchase_at = s.last_at
     WHERE 1 = 1${memberId === undefined ? '' : ' AND m.id = ?'}`,
    [OrderType.Sale, ...onlyBinding, ...onlyBinding]
  )
  for (const [dimension, column] of [
    ['category', 'favorite_category'],
    ['sku', 'favorite_sku'],
    ['store', 'favorite_store_id'],
    ['weekday', 'favorite_weekday'],
    ['hour', 'favorite_hour'],
  ]) {
    await client.rawQuery(
      `UPDATE members m LEFT JOIN (
         SELECT member_id, value FROM (
           SELECT member_id, value,
             ROW_NUMBER() OVER (PARTITION BY member_id ORDER BY quantity DESC, amount DESC, value) AS rank_in_member
           FROM member_preferences WHERE dimension = ? AND quantity > 0${only}
         ) ranked WHERE rank_in_member = 1
       ) f ON f.member_id = m.id
       SET m.${column} = f.value
       WHERE 1 = 1${memberId === undefined ? '' : ' AND m.id = ?'}`,
      [dimension, ...onlyBinding, ...onlyBinding]
    )
  }
}
