import type { TierProgress } from '@/api/members'
import type { Tier } from '@/api/tiers'
import { toCents } from './money'

export interface TierProgressView {
  /** 0–100, whole percent, rounded down: 99.9 % is not yet there. */
  percent: number
  /** Yuan still to spend, as the API gave it. */
  missing: string
  nextTierCode: string
  nextTierName: string
}

/**
 * How far a member is on the way to the next tier: 365-day spend over the next tier's
 * threshold. The threshold is the ladder's when known, otherwise spend + what is missing (the
 * same number, as the server computes it). Null at the top tier: there is nothing to show.
 */
export function tierProgressView(progress: TierProgress, tiers: readonly Tier[] = []): TierProgressView | null {
  if (!progress.next_tier || progress.spend_to_next_tier === null) return null
  const next = tiers.find((tier) => tier.code === progress.next_tier)
  const spend = toCents(progress.spend_365d)
  const threshold = next ? toCents(next.threshold) : spend + toCents(progress.spend_to_next_tier)
  const percent = threshold <= 0 ? 100 : Math.floor((Math.max(0, spend) * 100) / threshold)
  return {
    percent: Math.min(100, percent),
    missing: progress.spend_to_next_tier,
    nextTierCode: progress.next_tier,
    nextTierName: next?.name ?? progress.next_tier,
  }
}
