import { DateTime } from 'luxon'
import { PointsKind, TierChangeReason } from '#enums/loyalty'
import { tierForSpend } from '#services/loyalty_rules'
import { pointsExpiry } from '#services/points_ledger'
import type { Cents } from '#services/money'
import type { Calendar } from '#database/demo/calendar'
import type { DemoContext } from '#database/demo/context'
import type { CouponRecord } from '#database/demo/coupons'
import type { Ids } from '#database/demo/ids'
import type { DemoMember } from '#database/demo/members'

export type EntryRecord = {
  id: number
  memberId: number
  kind: PointsKind
  points: number
  balanceAfter: number
  sourceRef: string
  orderId: number | null
  couponId: number | null
  expiresAt: number | null
  staffId: number | null
  createdAt: number
}

export type TierChangeRecord = {
  id: number
  memberId: number
  fromTierId: number | null
  toTierId: number
  reason: TierChangeReason
  sourceRef: string
  createdAt: number
}

/** What points_ledger's PointsPosting carries, with times in milliseconds. */
export type Posting = {
  kind: PointsKind
  points: number
  sourceRef: string
  orderId?: number
  couponId?: number
  expiresAt?: number | null
  staffId?: number
}

/** A member's loyalty state while their history is replayed. */
export class Account {
  tierIndex = 0
  tierSince: number
  balance = 0
  /** Net spend (sales paid less refunds): the whole history lies inside the 365-day window. */
  netCents: Cents = 0
  sales = 0
  coupons: CouponRecord[] = []
  updatedAt: number

  constructor(readonly member: DemoMember) {
    this.tierSince = member.enrolAt
    this.updatedAt = member.enrolAt
  }
}

/**
 * The points ledger and tier moves of every account, as points_ledger.ts and tiers.ts write
 * them: one entry per source, a running balance_after, upgrades right after the order that
 * crosses a threshold, downgrades only at the nightly evaluation.
 */
export class Ledger {
  readonly entries: EntryRecord[] = []
  readonly tierChanges: TierChangeRecord[] = []
  #expiryByDay = new Map<number, number | null>()

  constructor(
    private ids: Ids,
    private context: DemoContext,
    private calendar: Calendar
  ) {}

  enrol(account: Account, at: number) {
    this.#change(account, null, 0, TierChangeReason.Enrol, `enrol:${account.member.id}`, at)
  }

  tierCode(account: Account) {
    return this.context.tierCodes.get(this.context.tiers[account.tierIndex].id)!
  }

  multiplier(account: Account) {
    return this.context.tiers[account.tierIndex].multiplierHundredths
  }

  /** postPoints: one entry, the balance moves with it. */
  post(account: Account, at: number, posting: Posting) {
    account.balance += posting.points
    account.updatedAt = at
    this.entries.push({
      id: this.ids.next('entries'),
      memberId: account.member.id,
      kind: posting.kind,
      points: posting.points,
      balanceAfter: account.balance,
      sourceRef: posting.sourceRef,
      orderId: posting.orderId ?? null,
      couponId: posting.couponId ?? null,
      expiresAt: posting.expiresAt ?? null,
      staffId: posting.staffId ?? null,
      createdAt: at,
    })
  }

  /** When points credited at `at` expire; the same for every instant of a local day. */
  expiry(at: number) {
    const day = this.calendar.dayOf(at).index
    if (!this.#expiryByDay.has(day)) {
      const expires = pointsExpiry(DateTime.fromMillis(at, { zone: 'utc' }), this.context.settings, this.calendar.zone)
      this.#expiryByDay.set(day, expires ? expires.toMillis() : null)
    }
    return this.#expiryByDay.get(day)!
  }

  /** applyTier after an order: spend moves, the tier only goes up. Returns whether it must be evaluated tonight. */
  afterOrder(account: Account, sourceRef: string, at: number) {
    const target = this.#target(account)
    if (target > account.tierIndex) this.#change(account, account.tierIndex, target, TierChangeReason.Order, sourceRef, at)
    account.updatedAt = at
    return target < account.tierIndex
  }

  /** The nightly evaluation (evaluate_tiers_job.ts): the tier follows spend down as well. */
  evaluate(account: Account, at: number) {
    const target = this.#target(account)
    if (target === account.tierIndex) return
    const sourceRef = `evaluation:${account.member.id}:${this.calendar.isoDate(at)}`
    this.#change(account, account.tierIndex, target, TierChangeReason.Evaluation, sourceRef, at)
    account.updatedAt = at
  }

  #target(account: Account) {
    const tier = tierForSpend(this.context.tiers, account.netCents)
    return this.context.tiers.indexOf(tier)
  }

  #change(account: Account, from: number | null, to: number, reason: TierChangeReason, sourceRef: string, at: number) {
    const tiers = this.context.tiers
    this.tierChanges.push({
      id: this.ids.next('tierChanges'),
      memberId: account.member.id,
      fromTierId: from === null ? null : tiers[from].id,
      toTierId: tiers[to].id,
      reason,
      sourceRef,
      createdAt: at,
    })
    account.tierIndex = to
    account.tierSince = at
  }
}

