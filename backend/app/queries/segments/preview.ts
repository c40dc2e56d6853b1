import db from '@adonisjs/lucid/services/db'
import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import Member from '#models/member'
import type Staff from '#models/staff'
import { DataScope } from '#policies/data_scope'
import { MemberStatus } from '#enums/loyalty'
import { maskPhone } from '#services/member_registry'
import { planSegment, type MemberSlice, type SegmentPlan } from '#queries/segments/compile'
import type { Condition } from '#queries/segments/definition'

type Binding = string | number | boolean | Date

/**
 * The members of a segment the staff member may see (lists and counts are scoped like
 * everything else). One row per member: the plan's join is a set of distinct members.
 * `slice`: only the members with ids in it.
 */
export function segmentQuery(staff: Staff, definition: Condition, asOf?: Date, slice?: MemberSlice) {
  const query = planned(staff, planSegment(definition, { asOf, slice }))
  return slice ? query.where('members.id', '>', slice.after).where('members.id', '<=', slice.upTo) : query
}

function planned(staff: Staff, plan: SegmentPlan) {
  return withPlan(DataScope.of(staff).members(Member.query()).where('members.status', MemberStatus.Active), plan)
}

/** A query over members narrowed to a segment's plan: its join, then its conditions. */
export function withPlan(query: ModelQueryBuilderContract<typeof Member>, plan: SegmentPlan) {
  if (plan.join) query.joinRaw(plan.join.sql, plan.join.bindings as Binding[])
  return query.whereRaw(plan.where.sql, plan.where.bindings as Binding[])
}

/**
 * The count and the newest `limit` members. A plan that joins a grouped set builds it once,
 * for both, in one query (`COUNT(*) OVER ()` counts every row before the LIMIT); otherwise the
 * count and the page run side by side, the page reading the newest members first and stopping
 * at `limit`.
 */
export async function previewSegment(staff: Staff, definition: Condition, options: { asOf?: Date; limit: number }) {
  const plan = planSegment(definition, { asOf: options.asOf })
  const newest = (query: ReturnType<typeof planned>) =>
    query.orderBy('members.created_at', 'desc').orderBy('members.id', 'desc').limit(options.limit)
  let count: number
  let page: Member[]
  if (plan.join) {
    page = await newest(planned(staff, plan).select('members.id', db.raw('COUNT(*) OVER () AS total')))
    count = page.length ? Number(page[0].$extras.total) : 0
  } else {
    const [counted, newestPage] = await Promise.all([planned(staff, plan).count('* as total'), newest(planned(staff, plan).select('members.id'))])
    count = Number(counted[0].$extras.total)
    page = newestPage
  }
  const ids = page.map((m) => m.id)
  const members = ids.length ? await Member.query().whereIn('id', ids).preload('tier') : []
  const byId = new Map(members.map((m) => [m.id, m]))
  return {
    count,
    members: ids.map((id) => byId.get(id)!).map((m) => ({
      id: m.id,
      member_no: m.memberNo,
      name: m.name,
      phone_masked: maskPhone(m.phone),
      tier: m.tier.code,
    })),
  }
}
