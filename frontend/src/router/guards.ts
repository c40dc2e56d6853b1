import type { RouteLocationNormalized, RouteLocationRaw } from 'vue-router'
import { ElMessage } from 'element-plus'
import { useSessionStore } from '@/stores/session'
import { canAccess } from '@/navigation/access'
import { t } from '@/i18n'
import { safeRedirect } from './redirect'

/**
 * Public pages are open to all (the login page sends a logged-in person on); every other page
 * needs a session, and a role listed in the route's `meta.roles`.
 */
export async function authGuard(to: RouteLocationNormalized): Promise<true | RouteLocationRaw> {
  const session = useSessionStore()

  if (to.meta.public) {
    return to.name === 'login' && session.isAuthenticated ? safeRedirect(to.query.redirect) : true
  }
  if (!session.isAuthenticated) {
    return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
  }
  if (!session.profileLoaded) {
    try {
      await session.fetchProfile()
    } catch {
      // Offline or server down: carry on with the stored profile. A 401 has cleared the session.
    }
    if (!session.isAuthenticated) return { name: 'login', query: { redirect: to.fullPath } }
  }
  if (!canAccess(to.meta.roles, session.role)) {
    ElMessage.warning(t('auth.forbiddenPage'))
    return { name: 'home' }
  }
  return true
}
