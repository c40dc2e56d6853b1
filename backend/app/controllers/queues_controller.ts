import type { HttpContext } from '@adonisjs/core/http'
import { inject } from '@adonisjs/core'
import vine from '@vinejs/vine'
import { QueueService } from '#services/queue_service'
import { QUEUE_NAMES, QueueName } from '#enums/queue'
import { NotFoundException } from '#exceptions/api_exceptions'
import { paginationFields } from '#validators/pagination'

const JOB_STATUSES = ['failed', 'waiting', 'active', 'delayed', 'completed'] as const
const listJobsValidator = vine.compile(
  vine.object({ ...paginationFields, status: vine.enum(JOB_STATUSES).optional() })
)

/**
 * The admins' queue page: counts per queue, jobs by status, retry of failed jobs.
 */
@inject()
export default class QueuesController {
  constructor(private queues: QueueService) {}

  async index({ bouncer }: HttpContext) {
    await bouncer.authorize('administer')
    const data = await Promise.all(
      QUEUE_NAMES.map(async (name) => ({ name, counts: await this.queues.counts(name) }))
    )
    return { data }
  }

  async jobs({ bouncer, params, request }: HttpContext) {
    await bouncer.authorize('administer')
    const queue = this.#queue(params.name)
    const filters = await request.validateUsing(listJobsValidator, { data: request.qs() })
    const status = filters.status ?? 'failed'
    const page = filters.page ?? 1
    const perPage = filters.per_page ?? 20
    const start = (page - 1) * perPage
    const [jobs, counts] = await Promise.all([
      queue.getJobs([status], start, start + perPage - 1),
      queue.getJobCounts(status),
    ])
    return {
      data: jobs.filter(Boolean).map((job) => ({
        id: job.id,
        name: job.name,
        data: job.data,
        attempts_made: job.attemptsMade,
        progress: job.progress,
        failed_reason: job.failedReason ?? null,
        timestamp: new Date(job.timestamp).toISOString(),
        processed_on: job.processedOn ? new Date(job.processedOn).toISOString() : null,
        finished_on: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
      })),
      meta: { total: counts[status] ?? 0, page, per_page: perPage },
    }
  }

  async retry({ bouncer, params, response }: HttpContext) {
    await bouncer.authorize('administer')
    const job = await this.#queue(params.name).getJob(params.id)
    if (!job || !(await job.isFailed())) throw new NotFoundException('No failed job with this id')
    await job.retry('failed')
    return response.ok({ id: job.id, status: 'waiting' })
  }

  #queue(name: string) {
    if (!QUEUE_NAMES.includes(name as QueueName)) throw new NotFoundException('No such queue')
    return this.queues.queue(name as QueueName)
  }
}
