import db from '@adonisjs/lucid/services/db'
import Member from '#models/member'
import Segment from '#models/segment'
import SegmentCount from '#models/segment_count'
import type Staff from '#models/staff'
import { MemberStatus } from '#enums/loyalty'
import { SegmentKind } from '#enums/tag'
import { DataScope } from '#policies/data_scope'
import { planSegment } from '#queries/segments/compile'
import { parseDefinition } from '#queries/segments/definition'
import { withPlan } from '#queries/segments/preview'
import { paginate } from '#queries/paginate'

/**
 * The active members of a saved segment: for a dynamic one, who matches its definition now;
 * for a static one, who was in its snapshot. Scoped to what `staff` may see, or the whole
 * enterprise when `staff` is null (recorded counts, jobs).
 */
export function savedSegmentMembers(segment: Segment, staff: Staff | null) {
  const query = Member.query().where('members.status', MemberStatus.Active)
  if (staff) DataScope.of(staff).members(query)
  if (segment.kind === SegmentKind.Static) {
    return query.whereIn('members.id', (sub) => sub.from('segment_members').select('member_id').where('segment_id', segment.id))
  }
  return withPlan(query, planSegment(parseDefinition(segment.definition)))
}

export async function countSavedSegment(segment: Segment, staff: Staff | null) {
  const counted = await savedSegmentMembers(segment, staff).count('* as total')
  return Number(counted[0].$extras.total)
}

/** The recorded counts, oldest first, for the segment page's chart. */
export async function countHistory(segmentId: number, limit = 90) {
  const rows = await SegmentCount.query().where('segment_id', segmentId).orderBy('counted_at', 'desc').orderBy('id', 'desc').limit(limit)
  return rows.reverse()
}

export type SegmentCountView = { member_count: number | null; counted_at: string | null }

/**
 * Saved segments, newest first, each with the count the staff member may see: the recorded
 * enterprise-wide count for admin and HQ, a live count of their own members for store roles
 * (counts are scoped like lists).
 */
export async function savedSegmentList(staff: Staff, params: { page?: number; per_page?: number }) {
  const query = Segment.query()
    .select('segments.*')
    .select(db.raw('(SELECT MAX(c.counted_at) FROM segment_counts c WHERE c.segment_id = segments.id) AS last_counted_at'))
    .orderBy('id', 'desc')
  const page = await paginate(query, params, (segment) => segment)
  const data = await Promise.all(page.data.map(async (segment) => ({ segment, count: await segmentCountFor(staff, segment) })))
  return { data, meta: page.meta }
}

export async function segmentCountFor(staff: Staff, segment: Segment): Promise<SegmentCountView> {
  if (!DataScope.of(staff).seesAll) return { member_count: await countSavedSegment(segment, staff), counted_at: null }
  let at = segment.$extras.last_counted_at
  if (at === undefined) {
    const last = await SegmentCount.query().where('segment_id', segment.id).orderBy('counted_at', 'desc').first()
    at = last?.countedAt.toJSDate() ?? null
  }
  return { member_count: segment.memberCount, counted_at: at ? new Date(at).toISOString() : null }
}
