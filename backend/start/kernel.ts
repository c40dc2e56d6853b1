/*
 * HTTP kernel: the error handler and the middleware stacks.
 */
import router from '@adonisjs/core/services/router'
import server from '@adonisjs/core/services/server'

server.errorHandler(() => import('#exceptions/handler'))

/**
 * Runs on every request, routed or not: static files of the built console come first (for
 * every path outside /api/).
 */
server.use([
  () => import('#middleware/container_bindings_middleware'),
  () => import('#middleware/console_assets_middleware'),
  () => import('@adonisjs/cors/cors_middleware'),
])

/**
 * Runs on every routed request.
 */
router.use([
  () => import('@adonisjs/core/bodyparser_middleware'),
  () => import('@adonisjs/auth/initialize_auth_middleware'),
  () => import('#middleware/initialize_bouncer_middleware'),
])

export const middleware = router.named({
  auth: () => import('#middleware/auth_middleware'),
  signed: () => import('#middleware/signed_request_middleware'),
  member: () => import('#middleware/member_auth_middleware'),
})
