import type { HttpContext } from '@adonisjs/core/http'
import CouponTemplate from '#models/coupon_template'
import LoyaltyRulesPolicy from '#policies/loyalty_rules_policy'
import CreateCouponTemplate from '#actions/coupons/create_coupon_template'
import IssueCoupons from '#actions/coupons/issue_coupons'
import VoidCoupon from '#actions/coupons/void_coupon'
import { paginate } from '#queries/paginate'
import { actor, audit, defined, diff } from '#services/audit'
import { transaction } from '#services/transactions'
import { presentCoupon, presentCouponTemplate } from '#controllers/loyalty_presenters'
import {
  createCouponTemplateValidator,
  issueCouponsValidator,
  listCouponTemplatesValidator,
  updateCouponTemplateValidator,
  voidCouponValidator,
} from '#validators/coupon'

export default class CouponTemplatesController {
  /** Every role may list templates: guides pick one to send in a chat. */
  async index({ request }: HttpContext) {
    const filters = await request.validateUsing(listCouponTemplatesValidator, { data: request.qs() })
    const query = CouponTemplate.query().orderBy('id', 'desc')
    if (filters.status) query.where('status', filters.status)
    return paginate(query, filters, presentCouponTemplate)
  }

  async store(ctx: HttpContext) {
    const { auth, bouncer, request, response } = ctx
    await bouncer.with(LoyaltyRulesPolicy).authorize('manage')
    const input = await request.validateUsing(createCouponTemplateValidator)
    const template = await new CreateCouponTemplate().handle(input, actor.staff(auth.getUserOrFail(), ctx))
    return response.created(presentCouponTemplate(template))
  }

  async update(ctx: HttpContext) {
    const { auth, bouncer, params, request } = ctx
    await bouncer.with(LoyaltyRulesPolicy).authorize('manage')
    const input = await request.validateUsing(updateCouponTemplateValidator)
    const template = await transaction(async (trx) => {
      const row = await CouponTemplate.query({ client: trx }).where('id', params.id).forUpdate().firstOrFail()
      const before = { name: row.name, total_stock: row.totalStock, per_member_limit: row.perMemberLimit, points_cost: row.pointsCost, status: row.status }
      row.merge(
        defined({
          name: input.name,
          totalStock: input.total_stock,
          perMemberLimit: input.per_member_limit,
          pointsCost: input.points_cost,
          status: input.status,
        })
      )
      await row.useTransaction(trx).save()
      const after = { name: row.name, total_stock: row.totalStock, per_member_limit: row.perMemberLimit, points_cost: row.pointsCost, status: row.status }
      await audit(actor.staff(auth.getUserOrFail(), ctx), 'coupon_template.update', { type: 'coupon_template', id: row.id }, diff(before, after), trx)
      return row
    })
    return presentCouponTemplate(template)
  }

  async issue(ctx: HttpContext) {
    const { auth, params, request, response } = ctx
    const { member_ids } = await request.validateUsing(issueCouponsValidator)
    const staff = auth.getUserOrFail()
    const result = await new IssueCoupons().handle(
      params.id,
      member_ids,
      staff,
      actor.staff(staff, ctx),
      request.header('Idempotency-Key')
    )
    return response.status(result.status).send(result.body)
  }

  async voidCoupon(ctx: HttpContext) {
    const { auth, params, request } = ctx
    const { reason } = await request.validateUsing(voidCouponValidator)
    const staff = auth.getUserOrFail()
    const coupon = await new VoidCoupon().handle(params.code, reason, staff, actor.staff(staff, ctx))
    await coupon.load('template')
    return presentCoupon(coupon)
  }
}
