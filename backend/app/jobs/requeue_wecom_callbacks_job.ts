import { DateTime } from 'luxon'
import WecomCallback from '#models/wecom_callback'
import { Job } from '#jobs/job'
import { QueueName } from '#enums/queue'
import { queueCallback } from '#actions/wecom/receive_callback'

/** Gives up on a callback after this many failed processing attempts (kept, with its error). */
const MAX_ATTEMPTS = 10

/**
 * Every minute: queues again the stored callbacks that were not processed (Redis was down
 * when they arrived, or a worker died). The deterministic job id keeps one job per callback.
 */
export default class RequeueWecomCallbacksJob extends Job {
  static jobName = 'RequeueWecomCallbacksJob'
  static queue = QueueName.Wecom

  async handle() {
    const stale = await WecomCallback.query()
      .whereNull('processedAt')
      .where('attempts', '<', MAX_ATTEMPTS)
      .where('receivedAt', '<', DateTime.utc().minus({ minutes: 1 }).toJSDate())
      .orderBy('id')
      .limit(1000)
      .select('id', 'attempts')
    for (const callback of stale) await queueCallback(callback.id, callback.attempts)
  }
}
