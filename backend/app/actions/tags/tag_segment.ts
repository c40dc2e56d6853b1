import app from '@adonisjs/core/services/app'
import Tag from '#models/tag'
import type Staff from '#models/staff'
import TagSegmentJob from '#jobs/tag_segment_job'
import { QueueService } from '#services/queue_service'
import { QueueName } from '#enums/queue'
import { DependencyDownException } from '#exceptions/api_exceptions'
import { parseDefinition } from '#queries/segments/definition'
import { segmentQuery } from '#queries/segments/preview'
import { tagSegmentMembers } from '#services/member_tags'
import { withDeadline } from '#services/deadline'
import { audit, type Actor } from '#services/audit'

/** Segments up to this size are tagged within the request; larger ones by a job. */
export const SYNC_LIMIT = 5000

export type TagSegmentInput = { definition: unknown; asOf?: string }
export type TagSegmentAnswer =
  | { status: 200; body: { matched: number; tagged: number } }
  | { status: 202; body: { matched: number; job_id: string; queue: QueueName } }

/**
 * Tags everyone in a segment (as the staff member sees it), skipping members who already carry
 * the tag. Answers the number tagged; a segment too big for one request is tagged by a job
 * instead (202 with its id: the admin queue page follows it).
 */
export default class TagSegment {
  async handle(tagCode: string, input: TagSegmentInput, staff: Staff, by: Actor): Promise<TagSegmentAnswer> {
    const condition = parseDefinition(input.definition)
    const tag = await Tag.findByOrFail('code', tagCode)
    const asOf = input.asOf ? new Date(input.asOf) : undefined
    const counted = await segmentQuery(staff, condition, asOf).count('* as total')
    const matched = Number(counted[0].$extras.total)

    if (matched <= SYNC_LIMIT) {
      const tagged = await tagSegmentMembers(tag.id, condition, asOf, staff)
      await audit(by, 'tag.segment', { type: 'tag', id: tag.id }, { matched: { to: matched }, tagged: { to: tagged } })
      return { status: 200, body: { matched, tagged } }
    }
    const queues = await app.container.make(QueueService)
    const payload = { tag_id: tag.id, definition: JSON.stringify(condition), as_of: input.asOf ?? null, staff_id: staff.id }
    const job = await withDeadline(queues.dispatch(TagSegmentJob, payload), 2000, 'redis').catch(() => {
      throw new DependencyDownException('redis')
    })
    await audit(by, 'tag.segment', { type: 'tag', id: tag.id }, { matched: { to: matched }, job_id: { to: job.id } })
    return { status: 202, body: { matched, job_id: job.id!, queue: QueueName.Tags } }
  }
}
