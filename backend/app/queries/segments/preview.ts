import Member from '#models/member'
import type Staff from '#models/staff'
import { DataScope } from '#policies/data_scope'
import { MemberStatus } from '#enums/loyalty'
import { maskPhone } from '#services/member_registry'
import { compileSegment } from '#queries/segments/compile'
import type { Condition } from '#queries/segments/definition'

/**
 * The members of a segment the staff member may see (lists and counts are scoped like
 * everything else): the count, and the newest `limit` of them.
 */
export function segmentQuery(staff: Staff, definition: Condition, asOf?: Date) {
  const where = compileSegment(definition, { asOf })
  return DataScope.of(staff)
    .members(Member.query())
    .where('members.status', MemberStatus.Active)
    .whereRaw(where.sql, where.bindings as (string | number | boolean | Date)[])
}

export async function previewSegment(staff: Staff, definition: Condition, options: { asOf?: Date; limit: number }) {
  const query = segmentQuery(staff, definition, options.asOf)
  const [counted, members] = await Promise.all([
    query.clone().count('* as total'),
    query.clone().preload('tier').orderBy('members.created_at', 'desc').orderBy('members.id', 'desc').limit(options.limit),
  ])
  return {
    count: Number(counted[0].$extras.total),
    members: members.map((m) => ({
      id: m.id,
      member_no: m.memberNo,
      name: m.name,
      phone_masked: maskPhone(m.phone),
      tier: m.tier.code,
    })),
  }
}
