import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type Segment from '#models/segment'
import { countSavedSegment } from '#queries/segments/saved_segments'

/**
 * Counts a saved segment over the whole enterprise and records it: the segment's last count,
 * and one more point of its count history.
 */
export default class RecordSegmentCount {
  async handle(segment: Segment) {
    const count = await countSavedSegment(segment, null)
    const countedAt = DateTime.utc()
    await db.transaction(async (trx) => {
      await trx.table('segment_counts').insert({ segment_id: segment.id, count, counted_at: countedAt.toJSDate() })
      await trx.from('segments').where('id', segment.id).update({ member_count: count })
    })
    segment.memberCount = count
    return { count, counted_at: countedAt.toISO()! }
  }
}
