/*
 * Every job class the workers can run, and the repeating schedules. Domains add theirs here.
 */
import app from '@adonisjs/core/services/app'
import { QueueService } from '#services/queue_service'
import PruneExpiredTokensJob from '#jobs/prune_expired_tokens_job'
import EvaluateTiersJob from '#jobs/evaluate_tiers_job'
import ExpirePointsJob from '#jobs/expire_points_job'
import ExpireCouponsJob from '#jobs/expire_coupons_job'
import BirthdayCouponsJob from '#jobs/birthday_coupons_job'

const queues = await app.container.make(QueueService)

queues.register(PruneExpiredTokensJob, EvaluateTiersJob, ExpirePointsJob, ExpireCouponsJob, BirthdayCouponsJob)

/**
 * Repeating jobs, cron patterns in the enterprise zone. Upserted by the workers when they start.
 */
export const schedules = [
  { job: PruneExpiredTokensJob, id: 'prune-expired-tokens', pattern: '30 3 * * *', payload: {} },
  { job: ExpireCouponsJob, id: 'expire-coupons', pattern: '5 0 * * *', payload: {} },
  { job: ExpirePointsJob, id: 'expire-points', pattern: '15 0 * * *', payload: {} },
  { job: EvaluateTiersJob, id: 'evaluate-tiers', pattern: '0 2 * * *', payload: {} },
  { job: BirthdayCouponsJob, id: 'birthday-coupons', pattern: '0 9 * * *', payload: {} },
]
