import db from '@adonisjs/lucid/services/db'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import { DateTime } from 'luxon'
import { fromCents, toCents } from '#services/money'

export type TimelineKind = 'order' | 'event' | 'points' | 'coupon_issued' | 'coupon_redeemed' | 'tier_change' | 'tag_added'

export type TimelineItem = { id: string; kind: TimelineKind; at: Date; data: Record<string, unknown> }

/** Which rows a source returns: before an instant (exclusive) or exactly at one, newest first. */
type Window = { before?: Date; at?: Date; limit?: number }

/**
 * One stream of the timeline: a query over one table, in time order. Chats and tasks are one
 * more entry in SOURCES.
 */
type Source = (memberId: number, window: Window) => Promise<TimelineItem[]>

const money = (value: string | number) => fromCents(toCents(Number(value).toFixed(2)))

/** Applies the window to a query on `column`; `id` breaks ties so each source is stable. */
function within(query: DatabaseQueryBuilderContract, column: string, id: string, window: Window) {
  if (window.at) query.where(column, window.at)
  else if (window.before) query.where(column, '<', window.before)
  query.orderBy(column, 'desc').orderBy(id, 'desc')
  if (window.limit) query.limit(window.limit)
  return query
}

const SOURCES: Source[] = [
  async (memberId, window) => {
    const rows = await within(
      db
        .from('orders as o')
        .join('stores as s', 's.id', 'o.store_id')
        .where('o.member_id', memberId)
        .select('o.id', 'o.order_no', 'o.type', 'o.channel', 'o.paid', 'o.refunded', 'o.points_earned', 'o.paid_at', 's.code as store_code', 's.name as store_name'),
      'o.paid_at',
      'o.id',
      window
    )
    return rows.map((row) => ({
      id: `order:${row.id}`,
      kind: 'order' as const,
      at: row.paid_at,
      data: {
        order_id: Number(row.id),
        order_no: row.order_no,
        type: row.type,
        channel: row.channel,
        amount: money(row.paid),
        refunded: money(row.refunded),
        points: row.points_earned,
        store: { code: row.store_code, name: row.store_name },
      },
    }))
  },
  async (memberId, window) => {
    const rows = await within(db.from('member_events').where('member_id', memberId), 'occurred_at', 'id', window)
    return rows.map((row) => ({
      id: `event:${row.id}`,
      kind: 'event' as const,
      at: row.occurred_at,
      data: { event_id: row.event_id, type: row.type, props: typeof row.props === 'string' ? JSON.parse(row.props) : row.props },
    }))
  },
  async (memberId, window) => {
    const rows = await within(db.from('points_entries').where('member_id', memberId), 'created_at', 'id', window)
    return rows.map((row) => ({
      id: `points:${row.id}`,
      kind: 'points' as const,
      at: row.created_at,
      data: { kind: row.kind, points: row.points, balance_after: row.balance_after, reason: row.reason, order_id: row.order_id },
    }))
  },
  async (memberId, window) => {
    const rows = await within(couponsOf(memberId), 'c.issued_at', 'c.id', window)
    return rows.map((row) => ({
      id: `coupon_issued:${row.id}`,
      kind: 'coupon_issued' as const,
      at: row.issued_at,
      data: { code: row.code, source: row.source, template: { code: row.template_code, name: row.template_name }, expires_at: iso(row.expires_at) },
    }))
  },
  async (memberId, window) => {
    const query = couponsOf(memberId).whereNotNull('c.redeemed_at').leftJoin('stores as s', 's.id', 'c.redeemed_store_id')
    const rows = await within(query.select('s.code as store_code', 's.name as store_name'), 'c.redeemed_at', 'c.id', window)
    return rows.map((row) => ({
      id: `coupon_redeemed:${row.id}`,
      kind: 'coupon_redeemed' as const,
      at: row.redeemed_at,
      data: {
        code: row.code,
        template: { code: row.template_code, name: row.template_name },
        channel: row.redeemed_channel,
        order_no: row.redeemed_order_no,
        store: row.store_code ? { code: row.store_code, name: row.store_name } : null,
      },
    }))
  },
  async (memberId, window) => {
    const query = db
      .from('tier_changes as c')
      .leftJoin('tiers as f', 'f.id', 'c.from_tier_id')
      .join('tiers as t', 't.id', 'c.to_tier_id')
      .where('c.member_id', memberId)
      .select('c.id', 'c.reason', 'c.created_at', 'f.code as from_code', 't.code as to_code')
    const rows = await within(query, 'c.created_at', 'c.id', window)
    return rows.map((row) => ({
      id: `tier_change:${row.id}`,
      kind: 'tier_change' as const,
      at: row.created_at,
      data: { from: row.from_code, to: row.to_code, reason: row.reason },
    }))
  },
  async (memberId, window) => {
    const query = db
      .from('member_tags as mt')
      .join('tags as t', 't.id', 'mt.tag_id')
      .where('mt.member_id', memberId)
      .select('mt.tag_id', 'mt.source', 'mt.created_at', 't.code', 't.name')
    const rows = await within(query, 'mt.created_at', 'mt.tag_id', window)
    return rows.map((row) => ({
      id: `tag_added:${row.tag_id}`,
      kind: 'tag_added' as const,
      at: row.created_at,
      data: { code: row.code, name: row.name, source: row.source },
    }))
  },
]

function couponsOf(memberId: number) {
  return db
    .from('coupons as c')
    .join('coupon_templates as t', 't.id', 'c.template_id')
    .where('c.member_id', memberId)
    .select('c.id', 'c.code', 'c.source', 'c.issued_at', 'c.expires_at', 'c.redeemed_at', 'c.redeemed_channel', 'c.redeemed_order_no')
    .select('t.code as template_code', 't.name as template_name')
}

/**
 * One page of a member's timeline, newest first: every source's newest `limit + 1` rows before
 * `before`, merged. A page never ends inside a group of items at the same instant, so the next
 * page (`before = next_before`, exclusive) has no gap and no repeat: the tied group is dropped
 * to the next page, or, when it fills the whole page, returned whole.
 */
export async function memberTimeline(memberId: number, options: { before?: Date; limit: number }) {
  const fetched = await collect(memberId, { before: options.before, limit: options.limit + 1 })
  if (fetched.length <= options.limit) return present(fetched, null)

  const cut = fetched[options.limit - 1].at.getTime()
  let page = fetched.slice(0, options.limit)
  if (fetched[options.limit].at.getTime() === cut) {
    page = page.filter((item) => item.at.getTime() !== cut)
    if (!page.length) page = await collect(memberId, { at: new Date(cut) })
  }
  return present(page, page[page.length - 1].at)
}

async function collect(memberId: number, window: Window) {
  const streams = await Promise.all(SOURCES.map((source) => source(memberId, window)))
  // Items at the same instant in a fixed (if arbitrary) order, so a page reads the same twice.
  return streams
    .flat()
    .map((item) => ({ ...item, at: new Date(item.at) }))
    .sort((a, b) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

function present(items: TimelineItem[], nextBefore: Date | null) {
  return {
    data: items.map((item) => ({ id: item.id, kind: item.kind, at: iso(item.at), data: item.data })),
    next_before: nextBefore ? iso(nextBefore) : null,
  }
}

function iso(value: Date | null) {
  return value ? DateTime.fromJSDate(new Date(value)).toUTC().toISO() : null
}
