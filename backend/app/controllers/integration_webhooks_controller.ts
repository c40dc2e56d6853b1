import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import UpsertStores from '#actions/stores/upsert_stores'
import UpsertProducts from '#actions/catalog/upsert_products'
import IngestOrder from '#actions/orders/ingest_order'
import RedeemCoupon from '#actions/coupons/redeem_coupon'
import Coupon from '#models/coupon'
import Member from '#models/member'
import { CouponChannel, CouponStatus, IdentityType, MemberStatus } from '#enums/loyalty'
import { NotFoundException } from '#exceptions/api_exceptions'
import { actor } from '#services/audit'
import { maskPhone, normalisePhone } from '#services/member_registry'
import { tierProgress } from '#services/tiers'
import { allTiers } from '#queries/members/member_queries'
import { presentCoupon } from '#controllers/loyalty_presenters'
import { upsertProductsValidator, upsertStoresValidator } from '#validators/store'
import { orderValidator } from '#validators/order'
import { redeemCouponValidator } from '#validators/coupon'
import { memberLookupValidator } from '#validators/member'

/**
 * Signed webhooks from POS/ERP and the mall (the `signed` middleware authenticated them).
 */
export default class IntegrationWebhooksController {
  async stores(ctx: HttpContext) {
    const records = await ctx.request.validateUsing(upsertStoresValidator, { data: ctx.request.body() })
    return new UpsertStores().handle(records, actor.integration(ctx.integrationApp!, ctx))
  }

  async products(ctx: HttpContext) {
    const records = await ctx.request.validateUsing(upsertProductsValidator, { data: ctx.request.body() })
    return new UpsertProducts().handle(records, actor.integration(ctx.integrationApp!, ctx))
  }

  async orders(ctx: HttpContext) {
    const { request, response } = ctx
    const input = await request.validateUsing(orderValidator, { data: request.body() })
    const { status, answer } = await new IngestOrder().handle(input, request.body(), actor.integration(ctx.integrationApp!, ctx))
    return response.status(status).send(answer)
  }

  /**
   * The till's member lookup: tier, points and the coupons usable now.
   */
  async member({ request }: HttpContext) {
    const input = await request.validateUsing(memberLookupValidator, { data: request.qs() })
    const identity = input.member_no
      ? { type: IdentityType.MemberNo, value: input.member_no }
      : { type: IdentityType.Phone, value: normalisePhone(input.phone!) ?? '' }
    const member = await Member.query()
      .whereIn('id', (q) => q.from('member_identities').select('member_id').where(identity))
      .where('status', MemberStatus.Active)
      .first()
    if (!member) throw new NotFoundException('No member with this phone or member number')
    const now = DateTime.utc().toJSDate()
    const [tiers, coupons] = await Promise.all([
      allTiers(),
      Coupon.query()
        .where('member_id', member.id)
        .where('status', CouponStatus.Issued)
        .where((q) => q.whereNull('expires_at').orWhere('expires_at', '>', now))
        .where((q) => q.whereNull('valid_from').orWhere('valid_from', '<=', now))
        .preload('template')
        .orderBy('expires_at'),
    ])
    return {
      member: {
        id: member.id,
        member_no: member.memberNo,
        name: member.name,
        phone_masked: maskPhone(member.phone),
        points_balance: member.pointsBalance,
        ...tierProgress(tiers, member.tierId, member.spend365d),
      },
      coupons: coupons.map(presentCoupon),
    }
  }

  async redeemCoupon(ctx: HttpContext) {
    const { request } = ctx
    const input = await request.validateUsing(redeemCouponValidator, { data: request.body() })
    const coupon = await new RedeemCoupon().handle({
      code: input.code,
      storeCode: input.store_code,
      channel: (input.channel ?? CouponChannel.Offline) as CouponChannel,
      orderNo: input.order_no,
      amount: input.amount,
    }, actor.integration(ctx.integrationApp!, ctx))
    await coupon.load('template')
    return { coupon: presentCoupon(coupon) }
  }
}
