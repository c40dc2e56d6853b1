import { createHash } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import type { JobsOptions } from 'bullmq'
import { QueueService } from '#services/queue_service'
import { withDeadline } from '#services/deadline'
import type { ActivityTrigger } from '#enums/tag'
import EvaluateAutoTagsJob from '#jobs/evaluate_auto_tags_job'
import EvaluateAllAutoTagsJob from '#jobs/evaluate_all_auto_tags_job'

/** Ids per job; larger reports are split. */
const BATCH = 500
/** Activity waits this long for more of the same before the rules run, so a burst runs them once. */
const DEBOUNCE_MS = 500
/** A caller (an order) never waits longer than this on Redis. */
const DISPATCH_TIMEOUT_MS = 500

/**
 * Reports that something happened to these members (an order, an event, a tag) so the
 * auto-tag rules are evaluated for them shortly after. Called after the change committed.
 * Never throws: when Redis is down the work is logged as skipped and the nightly run catches
 * up, so the caller's own work (an order, say) still succeeds.
 */
export async function memberActivity(memberIds: number[], trigger: ActivityTrigger | `${ActivityTrigger}`) {
  const ids = [...new Set(memberIds)].filter((id) => Number.isInteger(id) && id > 0).sort((a, b) => a - b)
  if (ids.length === 0) return
  try {
    const queues = await app.container.make(QueueService)
    for (let i = 0; i < ids.length; i += BATCH) {
      const batch = ids.slice(i, i + BATCH)
      const job = queues.dispatch(EvaluateAutoTagsJob, { member_ids: batch.join(','), trigger }, debounced(batch.join(',')))
      await withDeadline(job, DISPATCH_TIMEOUT_MS, 'redis')
    }
  } catch (error) {
    logger.warn({ err: error, members: ids.length, trigger }, 'auto-tag evaluation not queued; the nightly run will catch up')
  }
}

/**
 * A rule was created, changed or switched on: evaluate it over every member now rather than
 * at night. Best effort, like memberActivity.
 */
export async function ruleChanged(ruleId: number) {
  try {
    const queues = await app.container.make(QueueService)
    await withDeadline(queues.dispatch(EvaluateAllAutoTagsJob, { rule_id: ruleId }, debounced(`rule:${ruleId}`)), DISPATCH_TIMEOUT_MS, 'redis')
  } catch (error) {
    logger.warn({ err: error, ruleId }, 'auto-tag rule run not queued; the nightly run will catch up')
  }
}

/**
 * One job per key while it waits; activity arriving while it runs gets exactly one follow-up
 * run (keepLastIfActive), because the running one may already have read the old data.
 */
function debounced(key: string): JobsOptions {
  const id = key.length > 64 ? createHash('sha1').update(key).digest('hex') : key
  return { delay: DEBOUNCE_MS, deduplication: { id: `auto-tags:${id}`, keepLastIfActive: true } }
}
