import type Member from '#models/member'
import type Coupon from '#models/coupon'
import type CouponTemplate from '#models/coupon_template'
import type Order from '#models/order'
import type PointsEntry from '#models/points_entry'
import type Tier from '#models/tier'
import { maskPhone } from '#services/member_registry'

/**
 * JSON shapes of the loyalty resources. Phones are masked unless the caller may see them.
 */
export function presentMember(member: Member, options: { fullPhone: boolean }) {
  const tier = member.$preloaded.tier as Tier | undefined
  const owner = member.$preloaded.owner as unknown as { id: number; name: string } | null | undefined
  const store = member.$preloaded.registerStore as unknown as { id: number; code: string; name: string } | null | undefined
  return {
    id: member.id,
    member_no: member.memberNo,
    name: member.name,
    phone: options.fullPhone ? member.phone : maskPhone(member.phone),
    phone_masked: maskPhone(member.phone),
    gender: member.gender,
    birthday: member.birthday?.toISODate() ?? null,
    tier: tier ? tier.code : null,
    tier_name: tier?.name ?? null,
    points_balance: member.pointsBalance,
    spend_365d: Number(member.spend365d).toFixed(2),
    register_channel: member.registerChannel,
    register_store: store ? { id: store.id, code: store.code, name: store.name } : null,
    owner: owner ? { id: owner.id, name: owner.name } : null,
    marketing_consent: member.marketingConsent,
    consent: member.consentAt
      ? { at: member.consentAt.toISO(), channel: member.consentChannel, store_id: member.consentStoreId, notice_version: member.consentNoticeVersion }
      : null,
    referral_code: member.referralCode,
    status: member.status,
    created_at: member.createdAt.toISO(),
  }
}

export function presentCouponTemplate(template: CouponTemplate) {
  return {
    id: template.id,
    code: template.code,
    name: template.name,
    kind: template.kind,
    value: Number(template.value).toFixed(2),
    min_spend: Number(template.minSpend).toFixed(2),
    valid_days: template.validDays,
    valid_from: template.validFrom?.toISO() ?? null,
    valid_to: template.validTo?.toISO() ?? null,
    channels: template.channels,
    store_ids: template.storeIds,
    total_stock: template.totalStock,
    issued_count: template.issuedCount,
    per_member_limit: template.perMemberLimit,
    points_cost: template.pointsCost,
    status: template.status,
    created_at: template.createdAt.toISO(),
  }
}

export function presentCoupon(coupon: Coupon) {
  const template = coupon.$preloaded.template as CouponTemplate | undefined
  return {
    code: coupon.code,
    member_id: coupon.memberId,
    status: coupon.status,
    source: coupon.source,
    template: template
      ? { id: template.id, code: template.code, name: template.name, kind: template.kind, value: Number(template.value).toFixed(2), min_spend: Number(template.minSpend).toFixed(2), channels: template.channels }
      : null,
    issued_at: coupon.issuedAt.toISO(),
    valid_from: coupon.validFrom?.toISO() ?? null,
    expires_at: coupon.expiresAt?.toISO() ?? null,
    redeemed_at: coupon.redeemedAt?.toISO() ?? null,
    redeemed_channel: coupon.redeemedChannel,
    redeemed_order_no: coupon.redeemedOrderNo,
    void_reason: coupon.voidReason,
  }
}

export function presentPointsEntry(entry: PointsEntry) {
  return {
    id: entry.id,
    kind: entry.kind,
    points: entry.points,
    balance_after: entry.balanceAfter,
    source_ref: entry.sourceRef,
    order_id: entry.orderId,
    expires_at: entry.expiresAt?.toISO() ?? null,
    reason: entry.reason,
    created_at: entry.createdAt.toISO(),
  }
}

export function presentOrder(order: Order, stores: Map<number, { code: string; name: string }>) {
  const store = stores.get(order.storeId)
  return {
    id: order.id,
    order_no: order.orderNo,
    type: order.type,
    channel: order.channel,
    store: store ? { id: order.storeId, ...store } : null,
    original_order_id: order.originalOrderId,
    total: Number(order.total).toFixed(2),
    discount: Number(order.discount).toFixed(2),
    paid: Number(order.paid).toFixed(2),
    refunded: Number(order.refunded).toFixed(2),
    points_earned: order.pointsEarned,
    paid_at: order.paidAt.toISO(),
    lines: (order.$preloaded.lines as any[] | undefined)?.map((line) => ({
      id: line.id,
      sku: line.sku,
      name: line.name,
      category: line.category,
      qty: line.qty,
      unit_price: Number(line.unitPrice).toFixed(2),
      amount: Number(line.amount).toFixed(2),
      returned_qty: line.returnedQty,
      original_line_id: line.originalLineId,
    })),
  }
}
