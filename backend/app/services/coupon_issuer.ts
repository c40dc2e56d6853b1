import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Coupon from '#models/coupon'
import CouponTemplate from '#models/coupon_template'
import { CouponSource, CouponStatus } from '#enums/loyalty'
import { randomCode } from '#services/member_registry'
import { isDuplicateKey } from '#services/transactions'
import { timezone } from '#config/app'

export type IssueRefusal = 'out_of_stock' | 'member_limit' | 'template_archived' | 'template_expired'

/**
 * When a coupon issued now stops being valid: `valid_days: N` lasts to the end of the local day
 * N days after issue; fixed dates end at valid_to; neither means no expiry.
 */
export function couponExpiry(template: CouponTemplate, issuedAt: DateTime): DateTime | null {
  if (template.validDays !== null && template.validDays !== undefined) {
    return issuedAt.setZone(timezone).plus({ days: template.validDays }).endOf('day').set({ millisecond: 0 }).toUTC()
  }
  return template.validTo ?? null
}

/**
 * Issues one coupon of a template to a member in the caller's transaction. The template row
 * must be locked by the caller (stock and per-member limits are exact under concurrency).
 */
export async function issueCoupon(
  trx: TransactionClientContract,
  template: CouponTemplate,
  memberId: number,
  origin: { source: CouponSource; sourceRef?: string | null; staffId?: number | null; at?: DateTime }
): Promise<Coupon | IssueRefusal> {
  const at = origin.at ?? DateTime.utc()
  if (template.status !== 'active') return 'template_archived'
  if (template.validTo && template.validTo < at) return 'template_expired'
  if (template.totalStock !== null && template.issuedCount >= template.totalStock) return 'out_of_stock'
  if (template.perMemberLimit !== null) {
    const held = await trx
      .from('coupons')
      .where('template_id', template.id)
      .where('member_id', memberId)
      .whereNot('status', CouponStatus.Void)
      .count('* as total')
    if (Number(held[0].total) >= template.perMemberLimit) return 'member_limit'
  }

  // Codes are random; a collision with an existing code (50 bits: rare) just draws again.
  for (let attempt = 0; ; attempt++) {
    try {
      const coupon = await Coupon.create(
        {
          code: randomCode(12),
          templateId: template.id,
          memberId,
          status: CouponStatus.Issued,
          source: origin.source,
          sourceRef: origin.sourceRef ?? null,
          issuedByStaffId: origin.staffId ?? null,
          issuedAt: at,
          validFrom: template.validFrom,
          expiresAt: couponExpiry(template, at),
        },
        { client: trx }
      )
      template.issuedCount += 1
      await trx.from('coupon_templates').where('id', template.id).increment('issued_count', 1)
      return coupon
    } catch (error) {
      if (!isDuplicateKey(error) || !/coupons_code_unique/.test((error as Error).message) || attempt >= 3) throw error
    }
  }
}
