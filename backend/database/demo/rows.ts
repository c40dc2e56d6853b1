import { createHash } from 'node:crypto'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { IdentityType, MemberStatus } from '#enums/loyalty'
import { fromCents } from '#services/money'
import type { Account, EntryRecord, TierChangeRecord } from '#database/demo/accounts'
import type { DemoContext } from '#database/demo/context'
import type { CouponRecord } from '#database/demo/coupons'
import type { OrderRecord } from '#database/demo/orders'

/** Rows per INSERT: big enough to load fast, far below max_allowed_packet. */
const BATCH = 1000

const date = (ms: number | null) => (ms === null ? null : new Date(ms))

/** Multi-row inserts, one batch at a time, so the rows never all exist as SQL at once. */
export async function insertAll<T>(trx: TransactionClientContract, table: string, records: T[], toRows: (record: T) => Record<string, unknown>[]) {
  let batch: Record<string, unknown>[] = []
  for (const record of records) {
    for (const row of toRows(record)) batch.push(row)
    if (batch.length >= BATCH) {
      await trx.table(table).multiInsert(batch)
      batch = []
    }
  }
  if (batch.length) await trx.table(table).multiInsert(batch)
}

export function memberRows(account: Account, context: DemoContext) {
  const m = account.member
  return [
    {
      id: m.id,
      member_no: m.memberNo,
      phone: m.phone,
      name: m.name,
      gender: m.gender,
      birthday: m.birthday,
      register_channel: m.registerChannel,
      register_store_id: m.home.id,
      owner_staff_id: m.owner?.id ?? null,
      tier_id: context.tiers[account.tierIndex].id,
      tier_since: date(account.tierSince),
      points_balance: account.balance,
      spend_365d: fromCents(account.netCents),
      marketing_consent: m.consent,
      consent_at: date(m.consentAt),
      consent_channel: m.consent ? m.registerChannel : null,
      consent_store_id: m.consent ? m.home.id : null,
      consent_notice_version: m.consent ? 'v1' : null,
      referral_code: m.referralCode,
      referred_by_id: m.referredBy?.id ?? null,
      status: MemberStatus.Active,
      created_at: date(m.enrolAt),
      updated_at: date(Math.max(account.updatedAt, m.consentAt ?? 0)),
    },
  ]
}

/** Every member is found by phone and by member number (member_registry enrol). */
export function identityRows(account: Account) {
  const m = account.member
  const created = date(m.enrolAt)
  return [
    { member_id: m.id, type: IdentityType.Phone, value: m.phone, created_at: created },
    { member_id: m.id, type: IdentityType.MemberNo, value: m.memberNo, created_at: created },
  ]
}

export function tierChangeRows(change: TierChangeRecord) {
  return [
    {
      id: change.id,
      member_id: change.memberId,
      from_tier_id: change.fromTierId,
      to_tier_id: change.toTierId,
      reason: change.reason,
      source_ref: change.sourceRef,
      created_at: date(change.createdAt),
    },
  ]
}

export function orderRows(order: OrderRecord) {
  return [
    {
      id: order.id,
      order_no: order.orderNo,
      type: order.type,
      channel: order.channel,
      store_id: order.store.id,
      member_id: order.memberId,
      guide_id: order.guide?.id ?? null,
      guide_no: order.guide?.staffNo ?? null,
      original_order_id: order.originalOrderId,
      total: fromCents(order.totalCents),
      discount: fromCents(order.discountCents),
      paid: fromCents(order.paidCents),
      refunded: fromCents(order.refundedCents),
      points_earned: order.pointsEarned,
      points_reversed: order.pointsReversed,
      paid_at: date(order.paidAt),
      // Seeded orders were never posted as JSON; any stable 64-hex value keeps the column honest.
      body_hash: createHash('sha256').update(order.orderNo).digest('hex'),
      response: JSON.stringify(order.response),
      created_at: date(order.createdAt),
    },
  ]
}

/** Lines copy the order's member, store, channel and time, as IngestOrder writes them. */
export function lineRows(order: OrderRecord) {
  const paidAt = date(order.paidAt)
  return order.lines.map((line) => ({
    id: line.id,
    order_id: order.id,
    kind: order.type,
    member_id: order.memberId,
    store_id: order.store.id,
    channel: order.channel,
    paid_at: paidAt,
    sku: line.sku,
    name: line.name,
    category: line.category,
    qty: line.qty,
    unit_price: fromCents(line.unitCents),
    amount: fromCents(line.unitCents * line.qty),
    returned_qty: line.returnedQty,
    original_line_id: line.originalLineId,
  }))
}

export function entryRows(entry: EntryRecord) {
  return [
    {
      id: entry.id,
      member_id: entry.memberId,
      kind: entry.kind,
      points: entry.points,
      balance_after: entry.balanceAfter,
      source_ref: entry.sourceRef,
      order_id: entry.orderId,
      coupon_id: entry.couponId,
      expires_at: date(entry.expiresAt),
      reason: null,
      staff_id: entry.staffId,
      created_at: date(entry.createdAt),
    },
  ]
}

export function couponRows(coupon: CouponRecord) {
  return [
    {
      id: coupon.id,
      code: coupon.code,
      template_id: coupon.template.model.id,
      member_id: coupon.memberId,
      status: coupon.status,
      source: coupon.source,
      source_ref: coupon.sourceRef,
      issued_by_staff_id: coupon.issuedByStaffId,
      issued_at: date(coupon.issuedAt),
      valid_from: null,
      expires_at: date(coupon.expiresAt),
      redeemed_at: date(coupon.redeemedAt),
      redeemed_store_id: coupon.redeemedStoreId,
      redeemed_channel: coupon.redeemedChannel,
      redeemed_order_no: coupon.redeemedOrderNo,
      void_reason: null,
      created_at: date(coupon.issuedAt),
      updated_at: date(coupon.updatedAt),
    },
  ]
}
