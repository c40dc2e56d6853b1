import type { Cents } from '#services/money'

/**
 * The loyalty arithmetic, pure and exact (CONTRACTS section 3). Shared by the order action, the
 * daily evaluation and the demo data generator so they can never disagree.
 */
export type TierRule = { id: number; code: string; thresholdCents: Cents; multiplierHundredths: number; rank: number }

/**
 * floor(paid × multiplier), in integers: 100.00 × 1.2 is 120, never 119.
 */
export function pointsEarned(paidCents: Cents, multiplierHundredths: number): number {
  return Math.floor((paidCents * multiplierHundredths) / 10_000)
}

/**
 * A partial refund reverses floor(earned × refunded / paid); the return that completes a full
 * refund reverses exactly what is left.
 */
export function pointsReversed(input: {
  earned: number
  alreadyReversed: number
  paidCents: Cents
  refundedCents: Cents
  completesRefund: boolean
}): number {
  const left = input.earned - input.alreadyReversed
  if (input.completesRefund) return left
  if (input.paidCents <= 0) return 0
  return Math.min(left, Math.floor((input.earned * input.refundedCents) / input.paidCents))
}

/**
 * The highest tier whose threshold the 365-day net spend reaches.
 */
export function tierForSpend<T extends TierRule>(tiers: T[], spendCents: Cents): T {
  const ordered = [...tiers].sort((a, b) => a.rank - b.rank)
  let tier = ordered[0]
  for (const candidate of ordered) if (spendCents >= candidate.thresholdCents) tier = candidate
  return tier
}

/**
 * What it takes to reach the next tier, or null at the top.
 */
export function nextTier<T extends TierRule>(tiers: T[], current: T, spendCents: Cents) {
  const next = [...tiers].sort((a, b) => a.rank - b.rank).find((t) => t.rank > current.rank)
  if (!next) return null
  return { tier: next, missingCents: Math.max(0, next.thresholdCents - spendCents) }
}
