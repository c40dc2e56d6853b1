import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type Member from '#models/member'
import { CouponStatus, OrderType } from '#enums/loyalty'
import { fromCents, toCents } from '#services/money'
import { timezone } from '#config/app'

type Preference = { dimension: string; value: string; quantity: number; amount: string }
type StoreRef = { id: number; code: string; name: string }

/** How many entries the "top" lists show. */
const TOP = 5
const MONTHS = 12
const DAY_MS = 86_400_000

/**
 * A member's portrait for the member page (DESIGN capability 2): lifetime value, favourites,
 * preferences (categories, stores, channel mix, the weekday × hour heatmap), net spend by
 * month, RFM, tags and coupons. Built from the statistics every order keeps current
 * (members.*, member_preferences), so it never scans the order lines.
 */
export async function memberPortrait(member: Member, now = DateTime.utc()) {
  const [preferences, spendByMonth, tags, coupons, productName] = await Promise.all([
    db
      .from('member_preferences')
      .where('member_id', member.id)
      .where('quantity', '>', 0)
      .select('dimension', 'value', 'quantity', 'amount') as Promise<Preference[]>,
    monthlySpend(member.id, now),
    memberTags(member.id),
    couponSummary(member.id, now),
    member.favoriteSku ? productNameOf(member.id, member.favoriteSku) : Promise.resolve(null),
  ])
  const byDimension = (dimension: string) => ranked(preferences.filter((p) => p.dimension === dimension))
  const stores = await storesById([
    ...(member.favoriteStoreId ? [member.favoriteStoreId] : []),
    ...byDimension('store').slice(0, TOP).map((p) => Number(p.value)),
  ])

  const spendCents = toCents(Number(member.lifetimeSpend).toFixed(2))
  return {
    lifetime_value: {
      lifetime_spend: fromCents(spendCents),
      order_count: member.orderCount,
      average_order: member.orderCount ? fromCents(Math.round(spendCents / member.orderCount)) : null,
      first_purchase_at: member.firstPurchaseAt?.toISO() ?? null,
      last_purchase_at: member.lastPurchaseAt?.toISO() ?? null,
      // Whole 24 h periods, as the segment attribute days_since_last_purchase counts them.
      days_since_last_purchase: member.lastPurchaseAt ? Math.floor((now.toMillis() - member.lastPurchaseAt.toMillis()) / DAY_MS) : null,
    },
    favorites: {
      category: member.favoriteCategory,
      product: member.favoriteSku ? { sku: member.favoriteSku, name: productName } : null,
      store: member.favoriteStoreId ? (stores.get(member.favoriteStoreId) ?? null) : null,
      weekday: member.favoriteWeekday,
      hour: member.favoriteHour,
    },
    preferences: {
      categories: shares(byDimension('category')).slice(0, TOP),
      stores: shares(byDimension('store'))
        .slice(0, TOP)
        .map(({ value, ...rest }) => ({ store: stores.get(Number(value)) ?? { id: Number(value), code: null, name: null }, ...rest })),
      channels: shares(byDimension('channel')),
      heatmap: heatmap(byDimension('slot')),
    },
    spend_by_month: spendByMonth,
    rfm: { r: member.rfmR, f: member.rfmF, m: member.rfmM, group: member.rfmGroup },
    tags,
    coupons,
  }
}

/** Most bought first, in the order that picks the favourites (quantity, amount, value). */
function ranked(rows: Preference[]) {
  return [...rows].sort((a, b) => b.quantity - a.quantity || Number(b.amount) - Number(a.amount) || (a.value < b.value ? -1 : 1))
}

/** Each value with its units, amount and share of the dimension's units (0..1). */
function shares(rows: Preference[]) {
  const total = rows.reduce((sum, row) => sum + row.quantity, 0)
  return rows.map((row) => ({
    value: row.value,
    units: row.quantity,
    amount: Number(row.amount).toFixed(2),
    share: total ? Math.round((row.quantity / total) * 10_000) / 10_000 : 0,
  }))
}

/**
 * Units bought by local weekday and hour: `heatmap[weekday - 1][hour]`, Monday first, from the
 * `slot` preferences ("weekday:hour").
 */
function heatmap(slots: Preference[]) {
  const matrix = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0))
  for (const slot of slots) {
    const [weekday, hour] = slot.value.split(':').map(Number)
    if (weekday >= 1 && weekday <= 7 && hour >= 0 && hour <= 23) matrix[weekday - 1][hour] = slot.quantity
  }
  return matrix
}

/**
 * Sales − refunds per local calendar month, the last 12 months including this one, oldest
 * first. A return counts in the month it happened (as in the sales reports), so a month may be
 * negative.
 */
async function monthlySpend(memberId: number, now: DateTime) {
  const firstMonth = now.setZone(timezone).startOf('month').minus({ months: MONTHS - 1 })
  const orders: { type: OrderType; paid: string; paid_at: Date }[] = await db
    .from('orders')
    .where('member_id', memberId)
    .where('paid_at', '>=', firstMonth.toUTC().toJSDate())
    .select('type', 'paid', 'paid_at')
  const months = Array.from({ length: MONTHS }, (_, i) => ({ month: firstMonth.plus({ months: i }).toFormat('yyyy-MM'), sales: 0, refunds: 0 }))
  const byMonth = new Map(months.map((m) => [m.month, m]))
  for (const order of orders) {
    const month = byMonth.get(DateTime.fromJSDate(order.paid_at).setZone(timezone).toFormat('yyyy-MM'))
    if (!month) continue
    const cents = toCents(Number(order.paid).toFixed(2))
    if (order.type === OrderType.Sale) month.sales += cents
    else month.refunds += cents
  }
  return months.map((m) => ({ month: m.month, sales: fromCents(m.sales), refunds: fromCents(m.refunds), net: fromCents(m.sales - m.refunds) }))
}

async function memberTags(memberId: number) {
  const rows: { code: string; name: string; source: string; created_at: Date }[] = await db
    .from('member_tags as mt')
    .join('tags as t', 't.id', 'mt.tag_id')
    .where('mt.member_id', memberId)
    .orderBy('mt.created_at')
    .select('t.code', 't.name', 'mt.source', 'mt.created_at')
  return rows.map((row) => ({ code: row.code, name: row.name, source: row.source, since: DateTime.fromJSDate(row.created_at).toUTC().toISO() }))
}

/**
 * Usable now (as the till sees them), redeemed, and expired (marked, or past expiry and not yet
 * marked by the nightly job).
 */
async function couponSummary(memberId: number, now: DateTime) {
  const at = now.toJSDate()
  const row = await db
    .from('coupons')
    .where('member_id', memberId)
    .select(
      db.raw(
        `COALESCE(SUM(status = ? AND (expires_at IS NULL OR expires_at > ?) AND (valid_from IS NULL OR valid_from <= ?)), 0) AS usable,
         COALESCE(SUM(status = ?), 0) AS redeemed,
         COALESCE(SUM(status = ? OR (status = ? AND expires_at <= ?)), 0) AS expired`,
        [CouponStatus.Issued, at, at, CouponStatus.Redeemed, CouponStatus.Expired, CouponStatus.Issued, at]
      )
    )
    .first()
  return { usable: Number(row.usable), redeemed: Number(row.redeemed), expired: Number(row.expired) }
}

/** The catalogue's name, or the name the member's last line of it carried (SKU not in the catalogue). */
async function productNameOf(memberId: number, sku: string): Promise<string | null> {
  const product = await db.from('products').where('sku', sku).select('name').first()
  if (product) return product.name
  const line = await db.from('order_lines').where('member_id', memberId).where('sku', sku).orderBy('id', 'desc').select('name').first()
  return line?.name ?? null
}

async function storesById(ids: number[]) {
  const rows: StoreRef[] = ids.length ? await db.from('stores').whereIn('id', [...new Set(ids)]).select('id', 'code', 'name') : []
  return new Map(rows.map((store) => [store.id, { id: store.id, code: store.code, name: store.name }]))
}
