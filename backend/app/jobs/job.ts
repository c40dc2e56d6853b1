import type { JobsOptions } from 'bullmq'
import { QueueName } from '#enums/queue'

/**
 * Jobs carry ids and plain values, never objects: the handler loads what it needs, so a job
 * retried an hour later works on current data.
 */
export type JobPayload = Record<string, string | number | boolean | null>

export type JobContext = { jobId: string; attemptsMade: number }

export interface JobClass<P extends JobPayload = JobPayload> {
  new (): Job<P>
  /** Stable name stored with every job; defaults to the class name. */
  jobName: string
  queue: QueueName
  options: JobsOptions
}

/**
 * Base of every job. Handlers must be idempotent (a deterministic job id or a unique key in
 * MySQL); bad input throws bullmq's UnrecoverableError so it is not retried.
 */
export abstract class Job<P extends JobPayload = JobPayload> {
  static jobName: string
  static queue: QueueName = QueueName.Default
  static options: JobsOptions = {}

  abstract handle(payload: P, context: JobContext): Promise<void>
}
