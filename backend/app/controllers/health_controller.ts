import type { HttpContext } from '@adonisjs/core/http'
import { inject } from '@adonisjs/core'
import { HealthService } from '#services/health_service'

export default class HealthController {
  /**
   * 200 when MySQL, Redis and the queues answer; 503 naming each one that does not.
   */
  @inject()
  async show({ response }: HttpContext, health: HealthService) {
    const { ok, failed, checks } = await health.check()
    if (ok) return response.ok({ status: 'ok', checks })
    return response.serviceUnavailable({
      status: 'degraded',
      checks,
      errors: failed.map((name) => ({
        message: `${name} is unavailable`,
        field: name,
        code: 'dependency_down',
      })),
    })
  }
}
