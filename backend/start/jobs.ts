/*
 * Every job class the workers can run, and the repeating schedules. Domains add theirs here.
 */
import app from '@adonisjs/core/services/app'
import { QueueService } from '#services/queue_service'
import PruneExpiredTokensJob from '#jobs/prune_expired_tokens_job'

const queues = await app.container.make(QueueService)

queues.register(PruneExpiredTokensJob)

/**
 * Repeating jobs, in the enterprise zone. Upserted by the workers when they start.
 */
export const schedules = [
  { job: PruneExpiredTokensJob, id: 'prune-expired-tokens', pattern: '30 3 * * *', payload: {} },
]
