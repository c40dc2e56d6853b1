import CouponTemplate from '#models/coupon_template'
import Member from '#models/member'
import type Staff from '#models/staff'
import { CouponSource, MemberStatus } from '#enums/loyalty'
import { DataScope } from '#policies/data_scope'
import { issueCoupon } from '#services/coupon_issuer'
import { onceFor } from '#services/idempotency'
import { audit, type Actor } from '#services/audit'

export type IssueAnswer = {
  coupons: { code: string; member_id: number }[]
  skipped: { member_id: number; reason: string }[]
}

/**
 * Issues a template's coupon to each listed member the staff member may see. Members over the
 * per-member limit, or past the stock, are skipped with the reason. With an Idempotency-Key, a
 * retried issue answers the first answer and issues nothing more.
 */
export default class IssueCoupons {
  async handle(templateId: number, memberIds: number[], staff: Staff, by: Actor, idempotencyKey?: string) {
    return onceFor<IssueAnswer>(`coupon_issue:${templateId}:${staff.id}`, idempotencyKey, memberIds, async (trx) => {
      const template = await CouponTemplate.query({ client: trx }).where('id', templateId).forUpdate().firstOrFail()
      const visible = await DataScope.of(staff)
        .members(Member.query({ client: trx }))
        .whereIn('id', memberIds)
        .where('status', MemberStatus.Active)
        .select('id')
      const visibleIds = new Set(visible.map((m) => m.id))

      const answer: IssueAnswer = { coupons: [], skipped: [] }
      for (const memberId of memberIds) {
        if (!visibleIds.has(memberId)) {
          answer.skipped.push({ member_id: memberId, reason: 'not_found' })
          continue
        }
        const result = await issueCoupon(trx, template, memberId, { source: CouponSource.Manual, staffId: staff.id })
        if (typeof result === 'string') answer.skipped.push({ member_id: memberId, reason: result })
        else answer.coupons.push({ code: result.code, member_id: memberId })
      }
      await audit(
        by,
        'coupon.issue',
        { type: 'coupon_template', id: template.id },
        { issued: { to: answer.coupons.length }, skipped: { to: answer.skipped.length } },
        trx
      )
      return { status: 201, body: answer }
    })
  }
}
