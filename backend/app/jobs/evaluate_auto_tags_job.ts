import { UnrecoverableError } from 'bullmq'
import { Job } from '#jobs/job'
import { QueueName } from '#enums/queue'
import { ActivityTrigger } from '#enums/tag'
import EvaluateAutoTagRules from '#actions/tags/evaluate_auto_tag_rules'

/** Ids as a comma-separated list: job payloads hold plain values only. */
export type EvaluateAutoTagsPayload = { member_ids: string; trigger: string }

const TRIGGERS = new Set<string>(Object.values(ActivityTrigger))

/**
 * Evaluates every active auto-tag rule for the members whose activity was reported (see
 * services/member_activity.ts). Works on current data, so a retry or a late run is correct.
 */
export default class EvaluateAutoTagsJob extends Job<EvaluateAutoTagsPayload> {
  static jobName = 'EvaluateAutoTagsJob'
  static queue = QueueName.Tags

  async handle(payload: EvaluateAutoTagsPayload) {
    const ids = String(payload.member_ids ?? '')
      .split(',')
      .map(Number)
    if (ids.length === 0 || !ids.every((id) => Number.isInteger(id) && id > 0) || !TRIGGERS.has(payload.trigger)) {
      throw new UnrecoverableError('member_ids must be positive integers, trigger a known activity')
    }
    await new EvaluateAutoTagRules().forMembers(ids, payload.trigger as ActivityTrigger)
  }
}
