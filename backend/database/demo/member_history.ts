import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { OrderType } from '#enums/loyalty'
import { timezone } from '#config/app'
import { Calendar } from '#database/demo/calendar'
import { loadContext } from '#database/demo/context'
import { allTemplates, ensureTemplates } from '#database/demo/coupons'
import { DemoHistory } from '#database/demo/history'
import { Ids, type IdSequences } from '#database/demo/ids'
import { generateMembers } from '#database/demo/members'
import { Random } from '#database/demo/random'
import { couponRows, entryRows, identityRows, insertAll, lineRows, memberRows, orderRows, tierChangeRows } from '#database/demo/rows'

/** The one seed of the demo: change it and every machine gets another (equally valid) year. */
const SEED = 20_260_101

export type HistorySummary = { members: number; orders: number; lines: number; returns: number; coupons: number; entries: number }

/**
 * A year of members, orders, returns, points, tiers and coupons for the demo brand, generated in
 * memory and bulk-inserted in ONE transaction: an interrupted run leaves nothing and the next
 * run starts over; once members exist it does nothing. Needs the brand's stores and staff.
 */
export async function seedMemberHistory(memberCount: number): Promise<HistorySummary | null> {
  return db.transaction(async (trx) => {
    if (await trx.from('members').select('id').first()) return null
    const context = await loadContext(trx)
    const calendar = new Calendar(timezone)
    const random = new Random(SEED)
    const last = await lastIds(trx)
    const ids = new Ids(last)
    const templates = await ensureTemplates(trx, context.settings, calendar.days[0].start + 8 * 3_600_000)

    const members = generateMembers(random, calendar, context.stores, memberCount, last.members + 1)
    const history = new DemoHistory(random, calendar, context, templates, ids)
    history.plan(members)
    history.run()

    const accounts = [...history.accounts.values()].sort((a, b) => a.member.id - b.member.id)
    await insertAll(trx, 'members', accounts, (account) => memberRows(account, context))
    await insertAll(trx, 'member_identities', accounts, identityRows)
    await insertAll(trx, 'tier_changes', history.ledger.tierChanges, tierChangeRows)
    await insertAll(trx, 'orders', history.book.orders, orderRows)
    await insertAll(trx, 'order_lines', history.book.orders, lineRows)
    await insertAll(trx, 'coupons', history.coupons.coupons, couponRows)
    await insertAll(trx, 'points_entries', history.ledger.entries, entryRows)
    for (const template of allTemplates(templates)) {
      if (template.issued) await trx.from('coupon_templates').where('id', template.model.id).increment('issued_count', template.issued)
    }

    const orders = history.book.orders
    return {
      members: accounts.length,
      orders: orders.length,
      lines: orders.reduce((n, o) => n + o.lines.length, 0),
      returns: orders.filter((o) => o.type === OrderType.Return).length,
      coupons: history.coupons.coupons.length,
      entries: history.ledger.entries.length,
    }
  })
}

async function lastIds(trx: TransactionClientContract): Promise<IdSequences> {
  const max = async (table: string) => Number((await trx.from(table).max('id as id').first())?.id ?? 0)
  return {
    members: await max('members'),
    orders: await max('orders'),
    lines: await max('order_lines'),
    entries: await max('points_entries'),
    tierChanges: await max('tier_changes'),
    coupons: await max('coupons'),
  }
}
