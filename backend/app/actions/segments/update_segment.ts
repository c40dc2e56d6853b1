import Segment from '#models/segment'
import { SegmentKind } from '#enums/tag'
import { UnprocessableException } from '#exceptions/api_exceptions'
import { parseDefinition } from '#queries/segments/definition'
import RecordSegmentCount from '#actions/segments/record_segment_count'
import { audit, diff, type Actor } from '#services/audit'
import { transaction } from '#services/transactions'

/**
 * Renames a segment, or changes a dynamic segment's definition (then counts it again). A
 * static segment's definition stays what its snapshot was taken with.
 */
export default class UpdateSegment {
  async handle(segmentId: number, input: { name?: string; definition?: unknown }, by: Actor) {
    const definition = input.definition === undefined ? undefined : parseDefinition(input.definition)
    const segment = await transaction(async (trx) => {
      const row = await Segment.query({ client: trx }).where('id', segmentId).forUpdate().firstOrFail()
      if (definition !== undefined && row.kind === SegmentKind.Static) {
        throw new UnprocessableException('A static segment keeps the definition of its snapshot: save a new segment', 'definition', 'static_segment')
      }
      const before = { name: row.name, definition: row.definition }
      if (input.name !== undefined) row.name = input.name
      if (definition !== undefined) row.definition = definition
      await row.useTransaction(trx).save()
      await audit(by, 'segment.update', { type: 'segment', id: row.id }, diff(before, { name: row.name, definition: row.definition }), trx)
      return row
    })
    if (definition !== undefined) await new RecordSegmentCount().handle(segment)
    return segment
  }
}
