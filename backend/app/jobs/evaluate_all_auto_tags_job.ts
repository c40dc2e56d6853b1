import { UnrecoverableError } from 'bullmq'
import { Job } from '#jobs/job'
import { QueueName } from '#enums/queue'
import { ActivityTrigger } from '#enums/tag'
import EvaluateAutoTagRules from '#actions/tags/evaluate_auto_tag_rules'

/** No rule_id: every active rule (the nightly run). */
export type EvaluateAllAutoTagsPayload = { rule_id?: number }

/**
 * Every active rule (or the one named) over every member, one id range at a time: nightly, to
 * catch what activity did not report (time passing, a missed dispatch while Redis was down),
 * and right after a rule is created or changed.
 */
export default class EvaluateAllAutoTagsJob extends Job<EvaluateAllAutoTagsPayload> {
  static jobName = 'EvaluateAllAutoTagsJob'
  static queue = QueueName.Tags

  async handle(payload: EvaluateAllAutoTagsPayload) {
    const ruleId = payload.rule_id ?? null
    if (ruleId !== null && !(Number.isInteger(ruleId) && ruleId > 0)) throw new UnrecoverableError('rule_id must be a positive integer')
    await new EvaluateAutoTagRules().forAll(ruleId ? ActivityTrigger.Rule : ActivityTrigger.Nightly, ruleId ?? undefined)
  }
}
