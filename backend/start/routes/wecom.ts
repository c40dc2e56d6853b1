/*
 * WeCom: the callback endpoint (CONTRACTS section 4), contacts, binding, lost customers and
 * channel codes. Groups, syncs and handovers have their own files.
 */
import router from '@adonisjs/core/services/router'
import limiter from '@adonisjs/limiter/services/main'
import { staffRoutes } from '#start/routes/groups'

const WecomCallbackController = () => import('#controllers/wecom_callback_controller')
const WecomContactsController = () => import('#controllers/wecom_contacts_controller')
const WecomChannelCodesController = () => import('#controllers/wecom_channel_codes_controller')

const id = router.matchers.number()

/** WeCom calls from a handful of addresses; this bounds what anyone else can make us decrypt. */
const callbackThrottle = limiter.define('wecom_callback', (ctx) =>
  limiter.allowRequests(6000).every('1 minute').usingKey(`ip_${ctx.request.ip()}`)
)

router
  .group(() => {
    router.get('callback', [WecomCallbackController, 'verify'])
    router.post('callback', [WecomCallbackController, 'receive'])
  })
  .prefix('/api/v1/integrations/wecom')
  .use(callbackThrottle)

staffRoutes(() => {
  router.get('wecom/contacts', [WecomContactsController, 'index'])
  router.get('wecom/contacts/:id', [WecomContactsController, 'show']).where('id', id)
  router.put('wecom/contacts/:id/member', [WecomContactsController, 'bind']).where('id', id)
  router.delete('wecom/contacts/:id/member', [WecomContactsController, 'unbind']).where('id', id)
  router.get('wecom/binding-conflicts', [WecomContactsController, 'conflicts'])
  router.get('wecom/lost-customers', [WecomContactsController, 'lost'])

  router.get('wecom/channel-codes', [WecomChannelCodesController, 'index'])
  router.post('wecom/channel-codes', [WecomChannelCodesController, 'store'])
  router.get('wecom/channel-codes/:id', [WecomChannelCodesController, 'show']).where('id', id)
  router.put('wecom/channel-codes/:id', [WecomChannelCodesController, 'update']).where('id', id)
  router.delete('wecom/channel-codes/:id', [WecomChannelCodesController, 'destroy']).where('id', id)
  router.get('wecom/channel-codes/:id/stats', [WecomChannelCodesController, 'stats']).where('id', id)
})
