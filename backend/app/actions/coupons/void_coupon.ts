import Coupon from '#models/coupon'
import Member from '#models/member'
import type Staff from '#models/staff'
import { CouponStatus } from '#enums/loyalty'
import { ConflictException } from '#exceptions/api_exceptions'
import { DataScope } from '#policies/data_scope'
import { audit, type Actor } from '#services/audit'
import { transaction } from '#services/transactions'

/**
 * Voids an unused coupon; a redeemed one cannot be taken back.
 */
export default class VoidCoupon {
  async handle(code: string, reason: string, staff: Staff, by: Actor) {
    return transaction(async (trx) => {
      const coupon = await Coupon.query({ client: trx })
        .where('code', code)
        .whereIn('member_id', DataScope.of(staff).members(Member.query({ client: trx })).select('id'))
        .forUpdate()
        .firstOrFail()
      if (coupon.status === CouponStatus.Void) return coupon
      if (coupon.status === CouponStatus.Redeemed) {
        throw new ConflictException('A redeemed coupon cannot be voided', 'coupon_already_redeemed')
      }
      const before = coupon.status
      coupon.merge({ status: CouponStatus.Void, voidReason: reason })
      await coupon.useTransaction(trx).save()
      await audit(by, 'coupon.void', { type: 'coupon', id: coupon.id }, { status: { from: before, to: 'void' }, reason: { to: reason } }, trx)
      return coupon
    })
  }
}
