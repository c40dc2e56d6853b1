import type { JobsOptions } from 'bullmq'
import { Job } from '#jobs/job'
import { QueueName } from '#enums/queue'
import RunSync from '#actions/wecom/run_sync'

export type SyncWecomPayload = { run_id: number }

/**
 * Runs one WeCom sync. A failed attempt (WeCom down, say) is retried from the run's
 * checkpoint, after a while; meanwhile an admin may resume it at once by starting a new run,
 * which the retry then leaves alone.
 */
export default class SyncWecomJob extends Job<SyncWecomPayload> {
  static jobName = 'SyncWecomJob'
  static queue = QueueName.Wecom
  static options: JobsOptions = { attempts: 4, backoff: { type: 'exponential', delay: 30_000 } }

  async handle(payload: SyncWecomPayload) {
    await new RunSync().handle(payload.run_id)
  }
}
