import app from '@adonisjs/core/services/app'
import { UnrecoverableError } from 'bullmq'
import Staff from '#models/staff'
import Tag from '#models/tag'
import { Job, type JobContext } from '#jobs/job'
import { QueueName } from '#enums/queue'
import { QueueService } from '#services/queue_service'
import { tagSegmentMembers } from '#services/member_tags'
import { parseDefinition, type Condition } from '#queries/segments/definition'

/** The definition travels as its JSON text: a value, not an object to reload. */
export type TagSegmentPayload = { tag_id: number; definition: string; as_of: string | null; staff_id: number }

/**
 * Tags a big segment for the staff member who asked (their scope), reporting progress
 * (`{percent, tagged}`) on the job as it goes. Tagging skips members who have the tag, so a
 * retry is harmless.
 */
export default class TagSegmentJob extends Job<TagSegmentPayload> {
  static jobName = 'TagSegmentJob'
  static queue = QueueName.Tags

  async handle(payload: TagSegmentPayload, context: JobContext) {
    const [tag, staff] = await Promise.all([Tag.find(payload.tag_id), Staff.find(payload.staff_id)])
    if (!tag || !staff) throw new UnrecoverableError('The tag or the staff member no longer exists')
    let condition: Condition
    try {
      condition = parseDefinition(JSON.parse(payload.definition))
    } catch {
      throw new UnrecoverableError('The definition does not parse')
    }
    const queue = (await app.container.make(QueueService)).queue(TagSegmentJob.queue)
    const asOf = payload.as_of ? new Date(payload.as_of) : undefined
    await tagSegmentMembers(tag.id, condition, asOf, staff, async (done, tagged) => {
      await queue.updateJobProgress(context.jobId, { percent: Math.round(done * 100), tagged })
    })
  }
}
