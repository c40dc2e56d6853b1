import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { QueueService } from '#services/queue_service'
import { QUEUE_NAMES, QueueName } from '#enums/queue'
import { timezone } from '#config/app'

/**
 * The worker role: `node ace queue:work [--queue name]`. Finishes the jobs in hand and closes
 * its connections on SIGTERM/SIGINT; a job interrupted by a crash is retried by BullMQ
 * (stalled-job detection), so nothing is lost.
 */
export default class QueueWork extends BaseCommand {
  static commandName = 'queue:work'
  static description = 'Run queue workers (all queues, or the ones named with --queue)'
  static options: CommandOptions = { startApp: true, staysAlive: true }

  @flags.array({ description: 'Queue to work on (repeatable); default: all' })
  declare queue?: string[]

  @flags.number({ description: 'Jobs processed at once per queue' })
  declare concurrency?: number

  async run() {
    const names = this.queue?.length ? this.queue : QUEUE_NAMES
    const unknown = names.filter((name) => !QUEUE_NAMES.includes(name as QueueName))
    if (unknown.length) {
      this.logger.error(`Unknown queue: ${unknown.join(', ')}. Queues: ${QUEUE_NAMES.join(', ')}`)
      this.exitCode = 1
      return this.terminate()
    }

    const queues = await this.app.container.make(QueueService)
    const { schedules } = await import('#start/jobs')
    for (const schedule of schedules) {
      if (names.includes(schedule.job.queue)) {
        await queues.schedule(schedule.job, schedule.id, { pattern: schedule.pattern, tz: timezone }, schedule.payload)
      }
    }
    queues.work(names as QueueName[], this.concurrency)
    this.logger.info(`Working on queues: ${names.join(', ')}`)

    this.app.terminating(async () => {
      this.logger.info('Stopping workers: finishing jobs in hand')
    })
  }
}
