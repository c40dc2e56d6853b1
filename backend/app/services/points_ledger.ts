import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Member from '#models/member'
import PointsEntry from '#models/points_entry'
import type { PointsKind } from '#enums/loyalty'
import type { LoyaltySettings } from '#services/loyalty_settings'

export type PointsPosting = {
  kind: PointsKind
  points: number
  /** Unique forever: the same source can never post twice (a retry fails on the key). */
  sourceRef: string
  orderId?: number
  couponId?: number
  expiresAt?: DateTime | null
  reason?: string
  staffId?: number
}

/**
 * Appends one entry to a member's ledger and moves their balance, in the caller's
 * transaction. The member row must be locked (FOR UPDATE) by the caller, so balance_after is
 * exact under concurrency.
 */
export async function postPoints(trx: TransactionClientContract, member: Member, posting: PointsPosting) {
  const entry = await appendPoints(trx, member, posting)
  await trx.from('members').where('id', member.id).update({ points_balance: member.pointsBalance, updated_at: new Date() })
  return entry
}

/**
 * The entry alone: the balance moves on `member` only, and the caller writes it to the (locked)
 * member's row before the transaction ends. An order does, with everything else it changes
 * on that row, in one statement.
 */
export async function appendPoints(trx: TransactionClientContract, member: Member, posting: PointsPosting) {
  const balanceAfter = member.pointsBalance + posting.points
  const entry = await PointsEntry.create(
    {
      memberId: member.id,
      kind: posting.kind,
      points: posting.points,
      balanceAfter,
      sourceRef: posting.sourceRef,
      orderId: posting.orderId ?? null,
      couponId: posting.couponId ?? null,
      expiresAt: posting.expiresAt ?? null,
      reason: posting.reason ?? null,
      staffId: posting.staffId ?? null,
    },
    { client: trx }
  )
  member.pointsBalance = balanceAfter
  return entry
}

/**
 * When points credited at `at` expire: the end of the next calendar year in the enterprise zone.
 */
export function pointsExpiry(at: DateTime, settings: LoyaltySettings, zone: string): DateTime | null {
  if (settings.points_expiry === 'never') return null
  return at.setZone(zone).plus({ years: 1 }).endOf('year').set({ millisecond: 0 }).toUTC()
}
