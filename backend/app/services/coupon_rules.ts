import { DateTime } from 'luxon'
import type Coupon from '#models/coupon'
import type CouponTemplate from '#models/coupon_template'
import { CouponChannel, CouponStatus } from '#enums/loyalty'
import { toCents } from '#services/money'

export type CouponRefusal =
  | 'coupon_already_redeemed'
  | 'coupon_expired'
  | 'coupon_void'
  | 'coupon_not_applicable'
  | 'coupon_min_spend'

export const COUPON_REFUSAL_MESSAGES: Record<CouponRefusal, string> = {
  coupon_already_redeemed: 'has already been redeemed',
  coupon_expired: 'has expired',
  coupon_void: 'has been voided',
  coupon_not_applicable: 'cannot be used in this store or channel',
  coupon_min_spend: 'needs a higher minimum spend',
}

/**
 * Why a coupon cannot be used for this purchase, or null when it can.
 */
export function couponRefusal(
  coupon: Coupon,
  template: CouponTemplate,
  use: { at: DateTime; channel: CouponChannel; storeId: number | null; amount?: string }
): CouponRefusal | null {
  if (coupon.status === CouponStatus.Redeemed) return 'coupon_already_redeemed'
  if (coupon.status === CouponStatus.Void) return 'coupon_void'
  if (coupon.status === CouponStatus.Expired || (coupon.expiresAt && coupon.expiresAt < use.at)) return 'coupon_expired'
  if (coupon.validFrom && coupon.validFrom > use.at) return 'coupon_not_applicable'
  if (!template.channels.includes(use.channel)) return 'coupon_not_applicable'
  if (use.channel === CouponChannel.Offline && !use.storeId) return 'coupon_not_applicable'
  if (template.storeIds?.length && (!use.storeId || !template.storeIds.includes(use.storeId))) {
    return 'coupon_not_applicable'
  }
  if (use.amount !== undefined && toCents(use.amount) < toCents(Number(template.minSpend).toFixed(2))) {
    return 'coupon_min_spend'
  }
  return null
}

/**
 * A store sale is an offline use; the mall and the mini-program are online.
 */
export function couponChannelOf(salesChannel: string): CouponChannel {
  return salesChannel === 'pos' ? CouponChannel.Offline : CouponChannel.Online
}
