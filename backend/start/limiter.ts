/*
 * Rate limits shared by route groups. Login and webhook limits live with their handlers.
 */
import limiter from '@adonisjs/limiter/services/main'

/** Authenticated console API: generous, per staff member (or address before login). */
export const apiThrottle = limiter.define('api', (ctx) => {
  const key = ctx.auth.user ? `staff_${ctx.auth.user.id}` : `ip_${ctx.request.ip()}`
  return limiter.allowRequests(600).every('1 minute').usingKey(key)
})
