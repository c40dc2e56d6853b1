import { DateTime } from 'luxon'
import logger from '@adonisjs/core/services/logger'
import Segment from '#models/segment'
import { Job } from '#jobs/job'
import { QueueName } from '#enums/queue'
import RecordSegmentCount from '#actions/segments/record_segment_count'
import { InvalidDefinition } from '#queries/segments/definition'
import { timezone } from '#config/app'

/**
 * Nightly: one point of count history per saved segment and day. Segments already counted
 * today (local) are skipped, so a retried run adds no second point.
 */
export default class RecordSegmentCountsJob extends Job<{}> {
  static jobName = 'RecordSegmentCountsJob'
  static queue = QueueName.Tags

  async handle() {
    const today = DateTime.utc().setZone(timezone).startOf('day').toUTC().toJSDate()
    const segments = await Segment.query()
      .whereNotExists((q) => q.from('segment_counts').whereRaw('segment_counts.segment_id = segments.id').where('counted_at', '>=', today))
      .orderBy('id')
    for (const segment of segments) {
      // A definition saved under older rules that no longer parses must not stop the others.
      await new RecordSegmentCount().handle(segment).catch((error) => {
        if (!(error instanceof InvalidDefinition)) throw error
        logger.warn({ segmentId: segment.id, errors: error.errors }, 'segment not counted: its definition does not parse')
      })
    }
  }
}
