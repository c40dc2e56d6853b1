import { DateTime } from 'luxon'
import Coupon from '#models/coupon'
import Store from '#models/store'
import { CouponChannel, CouponStatus } from '#enums/loyalty'
import { ConflictException, NotFoundException, UnprocessableException } from '#exceptions/api_exceptions'
import { COUPON_REFUSAL_MESSAGES, couponRefusal } from '#services/coupon_rules'
import { transaction } from '#services/transactions'
import { audit, type Actor } from '#services/audit'

export type RedeemInput = {
  code: string
  storeCode?: string
  channel: CouponChannel
  orderNo?: string
  amount?: string
}

/**
 * Redeems a coupon exactly once, online or at a till (a coupon claimed online can be used in a
 * store). The coupon row is locked, so of two stores redeeming it at the same moment exactly
 * one wins. The same order_no again is a retry and answers 200.
 */
export default class RedeemCoupon {
  async handle(input: RedeemInput, by: Actor) {
    if (input.channel === CouponChannel.Offline && !input.storeCode) {
      throw new UnprocessableException('store_code is required for use in a store', 'store_code', 'required')
    }
    return transaction(async (trx) => {
      const store = input.storeCode ? await Store.query({ client: trx }).where('code', input.storeCode).first() : null
      if (input.storeCode && !store) throw new UnprocessableException(`Unknown store ${input.storeCode}`, 'store_code', 'exists')

      const coupon = await Coupon.query({ client: trx }).where('code', input.code).forUpdate().preload('template').first()
      if (!coupon) throw new NotFoundException(`Coupon ${input.code} does not exist`, 'coupon_not_found')
      if (coupon.status === CouponStatus.Redeemed && input.orderNo && coupon.redeemedOrderNo === input.orderNo) {
        return coupon
      }
      const refusal = couponRefusal(coupon, coupon.template, {
        at: DateTime.utc(),
        channel: input.channel,
        storeId: store?.id ?? null,
        amount: input.amount,
      })
      if (refusal) throw new ConflictException(`Coupon ${input.code} ${COUPON_REFUSAL_MESSAGES[refusal]}`, refusal)

      coupon.merge({
        status: CouponStatus.Redeemed,
        redeemedAt: DateTime.utc(),
        redeemedStoreId: store?.id ?? null,
        redeemedChannel: input.channel,
        redeemedOrderNo: input.orderNo ?? null,
      })
      await coupon.useTransaction(trx).save()
      await audit(
        by,
        'coupon.redeem',
        { type: 'coupon', id: coupon.id },
        { status: { from: CouponStatus.Issued, to: CouponStatus.Redeemed }, store_code: { to: input.storeCode ?? null }, order_no: { to: input.orderNo ?? null } },
        trx
      )
      return coupon
    })
  }
}
