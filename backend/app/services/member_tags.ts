import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { RawQueryBindings } from '@adonisjs/lucid/types/querybuilder'
import type Staff from '#models/staff'
import { TagSource } from '#enums/tag'
import type { Condition } from '#queries/segments/definition'
import { segmentQuery } from '#queries/segments/preview'
import { pushSegmentTag } from '#services/wecom_tag_push'

/**
 * Writes to `member_tags`. A member carries a tag at most once (primary key member_id, tag_id)
 * and tagging again keeps the original row, so the first source, staff member and time stay
 * true: every insert skips the rows that exist (`INSERT IGNORE` also absorbs the race where
 * two writers tag the same member at the same moment).
 */
export type TagOrigin = { source: TagSource; sourceRef?: string | null; staffId?: number | null }

const COLUMNS = '(member_id, tag_id, source, source_ref, staff_id, created_at)'

/** Tags the listed members; answers how many did not have the tag before. */
export async function addMemberTags(client: QueryClientContract, tagId: number, memberIds: number[], origin: TagOrigin) {
  if (memberIds.length === 0) return 0
  const now = new Date()
  const rows = memberIds.map((memberId) => [memberId, tagId, origin.source, origin.sourceRef ?? null, origin.staffId ?? null, now])
  const [result] = await client.rawQuery(
    `INSERT IGNORE INTO member_tags ${COLUMNS} VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}`,
    sqlValues(rows.flat())
  )
  return Number(result.affectedRows)
}

/**
 * Tags every member a select of `members.id` returns, in one statement (no ids travel to
 * Node), skipping those who have the tag; answers how many were tagged.
 */
export async function addMemberTagsWhere(
  client: QueryClientContract,
  tagId: number,
  members: { sql: string; bindings: readonly unknown[] },
  origin: TagOrigin
) {
  const [result] = await client.rawQuery(
    `INSERT IGNORE INTO member_tags ${COLUMNS}
     SELECT chosen.id, ?, ?, ?, ?, ?
     FROM (${members.sql}) chosen
     WHERE NOT EXISTS (SELECT 1 FROM member_tags held WHERE held.member_id = chosen.id AND held.tag_id = ?)`,
    sqlValues([tagId, origin.source, origin.sourceRef ?? null, origin.staffId ?? null, new Date(), ...members.bindings, tagId])
  )
  return Number(result.affectedRows)
}

/** NULL is a valid binding for the driver; Lucid's binding type leaves it out. */
function sqlValues(values: unknown[]) {
  return values as RawQueryBindings
}

/** Members per statement when tagging a segment: bounds each statement's locks. */
const SEGMENT_CHUNK = 20_000

/**
 * Tags everyone in a segment as the staff member sees it, one member-id range per statement;
 * answers how many were tagged. `onProgress` hears the share of the id range done.
 */
export async function tagSegmentMembers(
  tagId: number,
  condition: Condition,
  asOf: Date | undefined,
  staff: Staff,
  onProgress?: (done: number, tagged: number) => Promise<void>
) {
  const bounds = await db.from('members').max('id as last').first()
  const last = Number(bounds?.last ?? 0)
  let tagged = 0
  for (let from = 0; from < last; from += SEGMENT_CHUNK) {
    const members = segmentQuery(staff, condition, asOf, { after: from, upTo: from + SEGMENT_CHUNK })
      .select('members.id')
      .toSQL()
    tagged += await addMemberTagsWhere(db.connection(), tagId, members, { source: TagSource.Manual, sourceRef: 'segment', staffId: staff.id })
    await pushSegmentTag(tagId, members)
    if (onProgress) await onProgress(Math.min(from + SEGMENT_CHUNK, last) / last, tagged)
  }
  return tagged
}
