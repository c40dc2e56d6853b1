import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Member from '#models/member'
import Tier from '#models/tier'
import TierChange from '#models/tier_change'
import { OrderType, TierChangeReason } from '#enums/loyalty'
import { fromCents, toCents } from '#services/money'
import { nextTier, tierForSpend } from '#services/loyalty_rules'

/**
 * Net spend over the 365 × 24 h before `now`: sales paid in that window less what their
 * returns refunded.
 */
export async function netSpend365d(client: TransactionClientContract, memberId: number, now: DateTime = DateTime.utc()) {
  const row = await client
    .from('orders')
    .where('member_id', memberId)
    .where('type', OrderType.Sale)
    .where('paid_at', '>', now.minus({ days: 365 }).toJSDate())
    .sum({ spend: client.raw('paid - refunded') })
    .first()
  return toCents(Number(row?.spend ?? 0).toFixed(2))
}

type TierOptions = { reason: TierChangeReason; sourceRef: string; allowDowngrade: boolean; now?: DateTime; tiers?: Tier[] }

/**
 * Recomputes a (locked) member's 365-day spend and moves their tier: up after an order that
 * crosses a threshold; down only when `allowDowngrade` (the daily evaluation).
 */
export async function applyTier(trx: TransactionClientContract, member: Member, options: TierOptions) {
  const { tier, columns } = await moveTier(trx, member, options)
  await trx.from('members').where('id', member.id).update({ ...columns, updated_at: new Date() })
  return tier
}

/**
 * What `applyTier` does but write the member's row: the tier change is recorded, `member`
 * moves, and the row's new values are returned for the caller to write in the same
 * transaction (an order writes that row once).
 */
export async function moveTier(trx: TransactionClientContract, member: Member, options: TierOptions) {
  const tiers = options.tiers ?? (await Tier.query({ client: trx }).orderBy('rank'))
  const spend = await netSpend365d(trx, member.id, options.now)
  const current = tiers.find((t) => t.id === member.tierId)!
  const target = tierForSpend(tiers.map((t) => t.rule), spend)
  const moves = target.rank > current.rank || (options.allowDowngrade && target.rank < current.rank)

  const columns: Record<string, string | number | Date> = { spend_365d: fromCents(spend) }
  if (moves) {
    columns.tier_id = target.id
    columns.tier_since = new Date()
    await TierChange.create(
      { memberId: member.id, fromTierId: current.id, toTierId: target.id, reason: options.reason, sourceRef: options.sourceRef },
      { client: trx }
    )
    member.tierId = target.id
  }
  member.spend365d = fromCents(spend)
  return { tier: tiers.find((t) => t.id === member.tierId)!, columns }
}

/**
 * Tier progress for the console and the till: current tier, the next one and what is missing.
 */
export function tierProgress(tiers: Tier[], tierId: number, spend365d: string) {
  const current = tiers.find((t) => t.id === tierId)!
  const spend = toCents(Number(spend365d).toFixed(2))
  const next = nextTier(tiers.map((t) => t.rule), current.rule, spend)
  return {
    tier: current.code,
    tier_name: current.name,
    spend_365d: fromCents(spend),
    next_tier: next ? next.tier.code : null,
    spend_to_next_tier: next ? fromCents(next.missingCents) : null,
  }
}
