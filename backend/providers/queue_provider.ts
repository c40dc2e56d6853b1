import type { ApplicationService } from '@adonisjs/core/types'
import { QueueService, type QueueConfig } from '#services/queue_service'

/**
 * Binds the queue registry as a singleton and closes its connections when the app
 * terminates (otherwise the process never exits).
 */
export default class QueueProvider {
  #instance?: QueueService

  constructor(protected app: ApplicationService) {}

  register() {
    this.app.container.singleton(QueueService, async (resolver) => {
      const logger = await resolver.make('logger')
      this.#instance = new QueueService(this.app.config.get<QueueConfig>('queue'), logger)
      return this.#instance
    })
  }

  async shutdown() {
    await this.#instance?.close()
  }
}
