import env from '#start/env'
import type { JobsOptions } from 'bullmq'

/**
 * BullMQ connects to the same Redis as the app, with its own connections and key prefix.
 */
export default {
  connection: {
    host: env.get('REDIS_HOST'),
    port: env.get('REDIS_PORT'),
    password: env.get('REDIS_PASSWORD') || undefined,
    db: env.get('REDIS_DB', 0),
  },
  prefix: env.get('QUEUE_PREFIX', 'rapport'),
  /**
   * Every job retries with exponential backoff; finished jobs are kept a day, failed ones two
   * weeks so an admin can inspect and retry them.
   */
  defaultJobOptions: {
    attempts: 5,
    backoff: { type: 'exponential', delay: 2000 },
    removeOnComplete: { age: 24 * 3600, count: 1000 },
    removeOnFail: { age: 14 * 24 * 3600 },
  } satisfies JobsOptions,
  concurrency: 5,
}
