import { Queue, Worker, UnrecoverableError, type ConnectionOptions, type JobsOptions } from 'bullmq'
import type { Logger } from '@adonisjs/core/logger'
import type { Job, JobClass, JobPayload } from '#jobs/job'
import { QUEUE_NAMES, QueueName } from '#enums/queue'

export type QueueConfig = {
  connection: ConnectionOptions & { host: string; port: number }
  prefix: string
  defaultJobOptions: JobsOptions
  concurrency: number
}

export type QueueCounts = Record<'waiting' | 'prioritized' | 'active' | 'delayed' | 'completed' | 'failed', number>

/**
 * The queue registry: producers (`dispatch`, `schedule`), workers (`work`) and the numbers the
 * health check and the admin queue page read. One instance per process; connections close on
 * `close()` (called when the app terminates).
 */
export class QueueService {
  #queues = new Map<QueueName, Queue>()
  #workers: Worker[] = []
  #jobs = new Map<string, JobClass<any>>()

  constructor(
    private config: QueueConfig,
    private logger: Logger
  ) {}

  register(...jobs: JobClass<any>[]) {
    for (const job of jobs) this.#jobs.set(job.jobName ?? job.name, job)
  }

  queue(name: QueueName): Queue {
    let queue = this.#queues.get(name)
    if (!queue) {
      queue = new Queue(name, {
        connection: { ...this.config.connection, enableOfflineQueue: false },
        prefix: this.config.prefix,
        defaultJobOptions: this.config.defaultJobOptions,
      })
      queue.on('error', (error) => this.logger.warn({ err: error, queue: name }, 'queue error'))
      this.#queues.set(name, queue)
    }
    return queue
  }

  async dispatch<P extends JobPayload>(
    job: JobClass<P>,
    payload: P,
    options: JobsOptions = {}
  ) {
    return this.queue(job.queue).add(job.jobName ?? job.name, payload, { ...job.options, ...options })
  }

  /**
   * A repeating job, safe to call at every start: the scheduler is upserted by id.
   * `tz` is explicit so "daily at 03:00" means 03:00 in the enterprise zone.
   */
  async schedule<P extends JobPayload>(
    job: JobClass<P>,
    schedulerId: string,
    repeat: { pattern: string; tz: string },
    payload: P
  ) {
    return this.queue(job.queue).upsertJobScheduler(schedulerId, repeat, {
      name: job.jobName ?? job.name,
      data: payload,
      opts: job.options,
    })
  }

  /**
   * Starts workers for the given queues in this process.
   */
  work(queues: QueueName[] = QUEUE_NAMES, concurrency = this.config.concurrency): Worker[] {
    return queues.map((name) => {
      const worker = new Worker(
        name,
        async (bullJob) => {
          const JobType = this.#jobs.get(bullJob.name)
          if (!JobType) throw new UnrecoverableError(`No job registered as "${bullJob.name}"`)
          const instance: Job<JobPayload> = new JobType()
          await instance.handle(bullJob.data, {
            jobId: bullJob.id ?? '',
            attemptsMade: bullJob.attemptsMade,
          })
        },
        {
          connection: { ...this.config.connection, maxRetriesPerRequest: null },
          prefix: this.config.prefix,
          concurrency,
        }
      )
      worker.on('failed', (job, error) =>
        this.logger.warn({ err: error, queue: name, job: job?.name, jobId: job?.id }, 'job failed')
      )
      worker.on('error', (error) => this.logger.warn({ err: error, queue: name }, 'worker error'))
      this.#workers.push(worker)
      return worker
    })
  }

  async counts(name: QueueName): Promise<QueueCounts> {
    const counts = await this.queue(name).getJobCounts(
      'waiting',
      'prioritized',
      'active',
      'delayed',
      'completed',
      'failed'
    )
    return counts as QueueCounts
  }

  /**
   * Workers finish their current jobs first (graceful), then every connection closes.
   */
  async close() {
    await Promise.allSettled(this.#workers.map((worker) => worker.close()))
    await Promise.allSettled([...this.#queues.values()].map((queue) => queue.close()))
    this.#workers = []
    this.#queues.clear()
  }
}
