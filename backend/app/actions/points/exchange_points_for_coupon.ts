import CouponTemplate from '#models/coupon_template'
import Member from '#models/member'
import type Staff from '#models/staff'
import { CouponSource, MemberStatus, PointsKind } from '#enums/loyalty'
import { ConflictException, UnprocessableException } from '#exceptions/api_exceptions'
import { DataScope } from '#policies/data_scope'
import { issueCoupon } from '#services/coupon_issuer'
import { onceFor } from '#services/idempotency'
import { postPoints } from '#services/points_ledger'
import { audit, type Actor } from '#services/audit'

/**
 * Points for a coupon, in one transaction: the points are debited and the coupon issued, or
 * neither. A balance below the cost (or negative) refuses the exchange.
 */
export default class ExchangePointsForCoupon {
  async handle(memberId: number, templateId: number, staff: Staff, by: Actor, idempotencyKey?: string) {
    return onceFor(`points_exchange:${memberId}`, idempotencyKey, { templateId }, async (trx) => {
      const member = await DataScope.of(staff)
        .members(Member.query({ client: trx }))
        .where('id', memberId)
        .where('status', MemberStatus.Active)
        .forUpdate()
        .firstOrFail()
      const template = await CouponTemplate.query({ client: trx }).where('id', templateId).forUpdate().firstOrFail()
      if (!template.pointsCost) {
        throw new UnprocessableException('This coupon cannot be exchanged for points', 'template_id', 'not_exchangeable')
      }
      if (member.pointsBalance < template.pointsCost) {
        throw new ConflictException(
          `Needs ${template.pointsCost} points; the balance is ${member.pointsBalance}`,
          'insufficient_points'
        )
      }
      const coupon = await issueCoupon(trx, template, member.id, { source: CouponSource.Points, staffId: staff.id })
      if (typeof coupon === 'string') throw new ConflictException(`The coupon cannot be issued: ${coupon}`, coupon)
      await postPoints(trx, member, {
        kind: PointsKind.Redeem,
        points: -template.pointsCost,
        sourceRef: `exchange:${coupon.id}`,
        couponId: coupon.id,
        staffId: staff.id,
      })
      await audit(by, 'points.exchange', { type: 'member', id: member.id }, { points: { to: -template.pointsCost }, coupon: { to: coupon.code } }, trx)
      return {
        status: 201,
        body: { coupon: { code: coupon.code, template_id: template.id, expires_at: coupon.expiresAt?.toISO() ?? null }, points_balance: member.pointsBalance },
      }
    })
  }
}
