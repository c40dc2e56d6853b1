/*
 * Conversations (guide ↔ member chats, community groups), the member chat page's session,
 * quick replies and product cards. The socket side is app/realtime/conversations.ts.
 */
import router from '@adonisjs/core/services/router'
import limiter from '@adonisjs/limiter/services/main'
import { middleware } from '#start/kernel'
import { staffRoutes } from '#start/routes/groups'

const ConversationsController = () => import('#controllers/conversations_controller')
const MemberSessionsController = () => import('#controllers/member_sessions_controller')
const QuickRepliesController = () => import('#controllers/quick_replies_controller')
const ProductsController = () => import('#controllers/products_controller')

const id = router.matchers.number()

/** Members and staff alike, per person (members by their token's member). */
const chatThrottle = limiter.define('chat', (ctx) => {
  const key = ctx.member ? `member_${ctx.member.id}` : ctx.auth.user ? `staff_${ctx.auth.user.id}` : `ip_${ctx.request.ip()}`
  return limiter.allowRequests(600).every('1 minute').usingKey(key)
})

/** Exchanging chat-link tickets: per address, so tickets cannot be guessed at speed. */
const ticketThrottle = limiter.define('member_session', (ctx) =>
  limiter.allowRequests(30).every('1 minute').usingKey(`ip_${ctx.request.ip()}`)
)

staffRoutes(() => {
  router.get('conversations', [ConversationsController, 'index'])
  router.get('conversations/stats', [ConversationsController, 'stats'])
  router.post('conversations/groups', [ConversationsController, 'createGroup'])
  router.post('conversations/groups/:id/members', [ConversationsController, 'addGroupMembers']).where('id', id)
  router.get('conversations/:id', [ConversationsController, 'show']).where('id', id)
  router.post('conversations/:id/coupon', [ConversationsController, 'coupon']).where('id', id)
  router.post('conversations/:id/takeover', [ConversationsController, 'takeover']).where('id', id)
  router.delete('conversations/:id/takeover', [ConversationsController, 'release']).where('id', id)
  router.post('conversations/:id/transfer', [ConversationsController, 'transfer']).where('id', id)
  router.post('members/:id/chat-link', [ConversationsController, 'chatLink']).where('id', id)

  router.get('quick-replies', [QuickRepliesController, 'index'])
  router.get('quick-replies/categories', [QuickRepliesController, 'categories'])
  router.post('quick-replies', [QuickRepliesController, 'store'])
  router.patch('quick-replies/:id', [QuickRepliesController, 'update']).where('id', id)
  router.delete('quick-replies/:id', [QuickRepliesController, 'destroy']).where('id', id)
  router.post('quick-replies/:id/use', [QuickRepliesController, 'use']).where('id', id)

  router.get('products', [ProductsController, 'index'])
})

/** Staff token or member token: catch-up, sending and read marks serve both sides. */
router
  .group(() => {
    router.get('conversations/:id/messages', [ConversationsController, 'messages']).where('id', id)
    router.post('conversations/:id/messages', [ConversationsController, 'send']).where('id', id)
    router.post('conversations/:id/read', [ConversationsController, 'read']).where('id', id)
  })
  .prefix('/api/v1')
  .use([middleware.member({ staff: true }), chatThrottle])

/** The member chat page. */
router.post('/api/v1/member/session', [MemberSessionsController, 'store']).use(ticketThrottle)
router
  .group(() => {
    router.get('member/me', [MemberSessionsController, 'me'])
    router.get('member/conversations', [MemberSessionsController, 'conversations'])
  })
  .prefix('/api/v1')
  .use([middleware.member(), chatThrottle])
