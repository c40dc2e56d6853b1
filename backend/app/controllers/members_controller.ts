import type { HttpContext } from '@adonisjs/core/http'
import Coupon from '#models/coupon'
import Order from '#models/order'
import PointsEntry from '#models/points_entry'
import TierChange from '#models/tier_change'
import MemberPolicy from '#policies/member_policy'
import { DataScope } from '#policies/data_scope'
import SetOwner from '#actions/members/set_owner'
import UpdateMember from '#actions/members/update_member'
import { DateTime } from 'luxon'
import type { Gender } from '#enums/loyalty'
import MergeMembers from '#actions/members/merge_members'
import AdjustPoints from '#actions/points/adjust_points'
import ExchangePointsForCoupon from '#actions/points/exchange_points_for_coupon'
import { allTiers, memberSearch, storeNames, visibleMember } from '#queries/members/member_queries'
import { memberPortrait } from '#queries/members/portrait'
import { paginate } from '#queries/paginate'
import { tierProgress } from '#services/tiers'
import { actor } from '#services/audit'
import { presentCoupon, presentMember, presentOrder, presentPointsEntry } from '#controllers/loyalty_presenters'
import { listValidator } from '#validators/integration'
import {
  adjustPointsValidator,
  exchangePointsValidator,
  listMembersValidator,
  mergeMembersValidator,
  setOwnerValidator,
  updateMemberValidator,
} from '#validators/member'

export default class MembersController {
  async index({ auth, request }: HttpContext) {
    const staff = auth.getUserOrFail()
    const filters = await request.validateUsing(listMembersValidator, { data: request.qs() })
    const fullPhone = DataScope.of(staff).seesFullPhones
    return paginate(memberSearch(staff, filters), filters, (m) => presentMember(m, { fullPhone }))
  }

  async show({ auth, params }: HttpContext) {
    const staff = auth.getUserOrFail()
    const member = await visibleMember(staff, params.id)
    const [tiers, coupons, history, portrait] = await Promise.all([
      allTiers(),
      Coupon.query().where('member_id', member.id).where('status', 'issued').count('* as total'),
      TierChange.query().where('member_id', member.id).orderBy('id', 'desc').limit(20),
      memberPortrait(member),
    ])
    const code = (id: number | null) => tiers.find((t) => t.id === id)?.code ?? null
    return {
      ...presentMember(member, { fullPhone: DataScope.of(staff).seesFullPhones }),
      tier_progress: tierProgress(tiers, member.tierId, member.spend365d),
      tier_history: history.map((change) => ({
        from: code(change.fromTierId),
        to: code(change.toTierId),
        reason: change.reason,
        at: change.createdAt.toISO(),
      })),
      usable_coupons: Number(coupons[0].$extras.total),
      portrait,
    }
  }

  async points({ auth, params, request }: HttpContext) {
    const member = await visibleMember(auth.getUserOrFail(), params.id)
    const page = await request.validateUsing(listValidator, { data: request.qs() })
    return paginate(PointsEntry.query().where('member_id', member.id).orderBy('id', 'desc'), page, presentPointsEntry)
  }

  async coupons({ auth, params, request }: HttpContext) {
    const member = await visibleMember(auth.getUserOrFail(), params.id)
    const page = await request.validateUsing(listValidator, { data: request.qs() })
    return paginate(Coupon.query().where('member_id', member.id).preload('template').orderBy('id', 'desc'), page, presentCoupon)
  }

  async orders({ auth, params, request }: HttpContext) {
    const member = await visibleMember(auth.getUserOrFail(), params.id)
    const page = await request.validateUsing(listValidator, { data: request.qs() })
    const stores = await storeNames()
    return paginate(
      Order.query().where('member_id', member.id).preload('lines').orderBy('paid_at', 'desc').orderBy('id', 'desc'),
      page,
      (order) => presentOrder(order, stores)
    )
  }

  async update(ctx: HttpContext) {
    const { auth, params, request } = ctx
    const input = await request.validateUsing(updateMemberValidator)
    const staff = auth.getUserOrFail()
    await new UpdateMember().handle(
      params.id,
      {
        name: input.name,
        gender: input.gender as Gender | undefined,
        birthday: input.birthday === undefined ? undefined : input.birthday ? DateTime.fromJSDate(input.birthday).toISODate() : null,
        marketingConsent: input.marketing_consent,
        noticeVersion: input.notice_version,
      },
      staff,
      actor.staff(staff, ctx)
    )
    return presentMember(await visibleMember(staff, params.id), { fullPhone: DataScope.of(staff).seesFullPhones })
  }

  async setOwner(ctx: HttpContext) {
    const { auth, bouncer, params, request } = ctx
    await bouncer.with(MemberPolicy).authorize('setOwner')
    const { staff_id } = await request.validateUsing(setOwnerValidator)
    const staff = auth.getUserOrFail()
    await new SetOwner().handle(params.id, staff_id, staff, actor.staff(staff, ctx))
    const member = await visibleMember(staff, params.id)
    return presentMember(member, { fullPhone: DataScope.of(staff).seesFullPhones })
  }

  async adjustPoints(ctx: HttpContext) {
    const { auth, bouncer, params, request, response } = ctx
    await bouncer.with(MemberPolicy).authorize('adjustPoints')
    const input = await request.validateUsing(adjustPointsValidator)
    const staff = auth.getUserOrFail()
    await visibleMember(staff, params.id)
    const result = await new AdjustPoints().handle(params.id, input.points, input.reason, staff, actor.staff(staff, ctx), request.header('Idempotency-Key'))
    return response.status(result.status).send(result.body)
  }

  async exchangePoints(ctx: HttpContext) {
    const { auth, params, request, response } = ctx
    const { template_id } = await request.validateUsing(exchangePointsValidator)
    const staff = auth.getUserOrFail()
    const result = await new ExchangePointsForCoupon().handle(params.id, template_id, staff, actor.staff(staff, ctx), request.header('Idempotency-Key'))
    return response.status(result.status).send(result.body)
  }

  async merge(ctx: HttpContext) {
    const { auth, bouncer, request } = ctx
    await bouncer.with(MemberPolicy).authorize('merge')
    const input = await request.validateUsing(mergeMembersValidator)
    return new MergeMembers().handle(input.survivor_id, input.merged_id, actor.staff(auth.getUserOrFail(), ctx))
  }
}
