import { DateTime } from 'luxon'
import Segment from '#models/segment'
import type Staff from '#models/staff'
import { SegmentKind } from '#enums/tag'
import { parseDefinition } from '#queries/segments/definition'
import { segmentQuery } from '#queries/segments/preview'
import RecordSegmentCount from '#actions/segments/record_segment_count'
import { audit, diff, type Actor } from '#services/audit'
import { transaction } from '#services/transactions'

export type CreateSegmentInput = { name: string; definition: unknown; kind: SegmentKind }

/**
 * Saves a segment. A static one keeps who matches right now (the snapshot, copied in one
 * INSERT ... SELECT); a dynamic one is evaluated whenever it is used. Either way its first
 * count is recorded.
 */
export default class CreateSegment {
  async handle(input: CreateSegmentInput, staff: Staff, by: Actor) {
    const definition = parseDefinition(input.definition)
    const segment = await transaction(async (trx) => {
      const created = await Segment.create(
        {
          name: input.name,
          definition,
          kind: input.kind,
          createdBy: staff.id,
          snapshotAt: input.kind === SegmentKind.Static ? DateTime.utc() : null,
        },
        { client: trx }
      )
      if (created.kind === SegmentKind.Static) {
        const members = segmentQuery(staff, definition).select('members.id').toSQL()
        await trx.rawQuery(`INSERT INTO segment_members (segment_id, member_id) SELECT ?, chosen.id FROM (${members.sql}) chosen`, [
          created.id,
          ...(members.bindings as (string | number | boolean | Date)[]),
        ])
      }
      await audit(by, 'segment.create', { type: 'segment', id: created.id }, diff({}, { ...input, definition }), trx)
      return created
    })
    await new RecordSegmentCount().handle(segment)
    return segment
  }
}
