/*
 * Routes. Every API route lives under /api/v1; everything else is the console.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { apiThrottle } from '#start/limiter'
import { IntegrationScope } from '#enums/integration'

const AuthController = () => import('#controllers/auth_controller')
const StaffController = () => import('#controllers/staff_controller')
const StoresController = () => import('#controllers/stores_controller')
const IntegrationAppsController = () => import('#controllers/integration_apps_controller')
const IntegrationWebhooksController = () => import('#controllers/integration_webhooks_controller')
const AuditLogsController = () => import('#controllers/audit_logs_controller')
const QueuesController = () => import('#controllers/queues_controller')
const HealthController = () => import('#controllers/health_controller')
const MembersController = () => import('#controllers/members_controller')
const CouponTemplatesController = () => import('#controllers/coupon_templates_controller')
const LoyaltyRulesController = () => import('#controllers/loyalty_rules_controller')
const SegmentsController = () => import('#controllers/segments_controller')
const ConsoleController = () => import('#controllers/console_controller')

const id = { id: router.matchers.number() }

router
  .group(() => {
    router.get('health', [HealthController, 'show'])
    router.post('auth/login', [AuthController, 'login'])

    /**
     * Staff routes: authenticated, rate limited, authorised per route by policies and
     * scoped by DataScope.
     */
    router
      .group(() => {
        router.post('auth/logout', [AuthController, 'logout'])
        router.get('auth/me', [AuthController, 'me'])

        router.get('staff', [StaffController, 'index'])
        router.post('staff', [StaffController, 'store'])
        router.get('staff/:id', [StaffController, 'show']).where('id', id.id)
        router.patch('staff/:id', [StaffController, 'update']).where('id', id.id)

        router.get('stores', [StoresController, 'index'])
        router.post('stores', [StoresController, 'store'])
        router.patch('stores/:id', [StoresController, 'update']).where('id', id.id)
        router.get('regions', [StoresController, 'regions'])
        router.post('regions', [StoresController, 'createRegion'])

        router.get('integration-apps', [IntegrationAppsController, 'index'])
        router.post('integration-apps', [IntegrationAppsController, 'store'])
        router.post('integration-apps/:id/revoke', [IntegrationAppsController, 'revoke']).where('id', id.id)

        router.get('audit-logs', [AuditLogsController, 'index'])

        router.get('members', [MembersController, 'index'])
        router.post('members/merge', [MembersController, 'merge'])
        router.get('members/:id', [MembersController, 'show']).where('id', id.id)
        router.patch('members/:id', [MembersController, 'update']).where('id', id.id)
        router.put('members/:id/owner', [MembersController, 'setOwner']).where('id', id.id)
        router.get('members/:id/points', [MembersController, 'points']).where('id', id.id)
        router.post('members/:id/points/adjust', [MembersController, 'adjustPoints']).where('id', id.id)
        router.post('members/:id/points/exchange', [MembersController, 'exchangePoints']).where('id', id.id)
        router.get('members/:id/coupons', [MembersController, 'coupons']).where('id', id.id)
        router.get('members/:id/orders', [MembersController, 'orders']).where('id', id.id)

        router.get('coupon-templates', [CouponTemplatesController, 'index'])
        router.post('coupon-templates', [CouponTemplatesController, 'store'])
        router.patch('coupon-templates/:id', [CouponTemplatesController, 'update']).where('id', id.id)
        router.post('coupon-templates/:id/issue', [CouponTemplatesController, 'issue']).where('id', id.id)
        router.post('coupons/:code/void', [CouponTemplatesController, 'voidCoupon'])

        router.get('tiers', [LoyaltyRulesController, 'tiers'])
        router.put('tiers', [LoyaltyRulesController, 'updateTiers'])
        router.get('loyalty/settings', [LoyaltyRulesController, 'settings'])
        router.put('loyalty/settings', [LoyaltyRulesController, 'updateSettings'])

        router.post('segments/preview', [SegmentsController, 'preview'])

        router.get('admin/queues', [QueuesController, 'index'])
        router.get('admin/queues/:name/jobs', [QueuesController, 'jobs'])
        router.post('admin/queues/:name/jobs/:id/retry', [QueuesController, 'retry'])
      })
      .use([middleware.auth(), apiThrottle])

    /**
     * Signed webhooks from POS, mall and mini-program (CONTRACTS section 3).
     */
    router
      .group(() => {
        router
          .put('stores', [IntegrationWebhooksController, 'stores'])
          .use(middleware.signed({ scope: IntegrationScope.Orders }))
        router
          .put('products', [IntegrationWebhooksController, 'products'])
          .use(middleware.signed({ scope: IntegrationScope.Orders }))
        router
          .post('orders', [IntegrationWebhooksController, 'orders'])
          .use(middleware.signed({ scope: IntegrationScope.Orders }))
        router
          .get('members', [IntegrationWebhooksController, 'member'])
          .use(middleware.signed({ scope: IntegrationScope.Orders }))
        router
          .post('coupons/redeem', [IntegrationWebhooksController, 'redeemCoupon'])
          .use(middleware.signed({ scope: IntegrationScope.Coupons }))
      })
      .prefix('integrations')
  })
  .prefix('/api/v1')

/**
 * Each later domain registers its routes in its own file under start/routes/ (with
 * `staffRoutes` / `integrationRoutes` from start/routes/groups.ts).
 */
await import('#start/routes/tags')
await import('#start/routes/members_insight')
await import('#start/routes/wecom')
await import('#start/routes/wecom_groups')
await import('#start/routes/wecom_sync')
await import('#start/routes/wecom_handover')
await import('#start/routes/conversations')

router.get('*', [ConsoleController, 'show'])
