import type Tag from '#models/tag'
import type TagGroup from '#models/tag_group'
import type AutoTagRule from '#models/auto_tag_rule'
import type AutoTagHit from '#models/auto_tag_hit'
import type Member from '#models/member'
import type Segment from '#models/segment'
import type SegmentCount from '#models/segment_count'
import type { MemberTagRow } from '#queries/tags/tag_queries'
import type { SegmentCountView } from '#queries/segments/saved_segments'

/**
 * JSON shapes of tags, auto-tag rules and saved segments.
 */
export function presentTagGroup(group: TagGroup) {
  return { id: group.id, code: group.code, name: group.name, created_at: group.createdAt.toISO() }
}

export function presentTag(tag: Tag, members?: number) {
  const group = tag.$preloaded.group as TagGroup | undefined
  return {
    id: tag.id,
    code: tag.code,
    name: tag.name,
    group: group ? { id: group.id, code: group.code, name: group.name } : null,
    ...(members === undefined ? {} : { members }),
    created_at: tag.createdAt.toISO(),
  }
}

export function presentMemberTag(row: MemberTagRow) {
  return {
    code: row.code,
    name: row.name,
    group: { code: row.group_code, name: row.group_name },
    source: row.source,
    source_ref: row.source_ref,
    staff_id: row.staff_id,
    created_at: new Date(row.created_at).toISOString(),
  }
}

export function presentAutoTagRule(rule: AutoTagRule) {
  const tag = rule.$preloaded.tag as Tag | undefined
  return {
    id: rule.id,
    name: rule.name,
    tag_code: tag?.code ?? null,
    tag_name: tag?.name ?? null,
    definition: rule.definition,
    remove_when_unmatched: rule.removeWhenUnmatched,
    status: rule.status,
    last_run_at: rule.lastRunAt?.toISO() ?? null,
    created_at: rule.createdAt.toISO(),
    updated_at: rule.updatedAt.toISO(),
  }
}

export function presentAutoTagHit(hit: AutoTagHit) {
  const member = hit.$preloaded.member as Member | undefined
  return {
    id: hit.id,
    member_id: hit.memberId,
    member: member ? { id: member.id, member_no: member.memberNo, name: member.name } : null,
    action: hit.action,
    trigger: hit.trigger,
    created_at: hit.createdAt.toISO(),
  }
}

/** `count` is what the caller may see: see segmentCountFor. */
export function presentSegment(segment: Segment, count: SegmentCountView) {
  return {
    id: segment.id,
    name: segment.name,
    kind: segment.kind,
    definition: segment.definition,
    snapshot_at: segment.snapshotAt?.toISO() ?? null,
    member_count: count.member_count,
    counted_at: count.counted_at,
    created_by: segment.createdBy,
    created_at: segment.createdAt.toISO(),
    updated_at: segment.updatedAt.toISO(),
  }
}

export function presentSegmentCount(row: SegmentCount) {
  return { count: row.count, counted_at: row.countedAt.toISO() }
}
