import type { ApplicationService } from '@adonisjs/core/types'
import { HealthService } from '#services/health_service'
import { QueueService } from '#services/queue_service'

/**
 * Container bindings of the app's own services.
 */
export default class AppProvider {
  constructor(protected app: ApplicationService) {}

  register() {
    this.app.container.singleton(HealthService, async (resolver) => {
      const redis = await resolver.make('redis')
      return new HealthService(redis.connection('main').ioConnection, await resolver.make(QueueService))
    })
  }
}
