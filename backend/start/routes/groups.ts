import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { apiThrottle } from '#start/limiter'
import type { IntegrationScope } from '#enums/integration'

/**
 * Routes for staff: under /api/v1, authenticated and rate limited like every console route.
 * Authorisation (policies) and data scope (DataScope) stay each controller's job.
 */
export function staffRoutes(define: () => void) {
  return router.group(define).prefix('/api/v1').use([middleware.auth(), apiThrottle])
}

/**
 * Signed webhook routes for an integration scope, under /api/v1/integrations.
 */
export function integrationRoutes(scope: IntegrationScope, define: () => void) {
  return router.group(define).prefix('/api/v1/integrations').use(middleware.signed({ scope }))
}
