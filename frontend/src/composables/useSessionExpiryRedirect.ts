import { watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { useSessionStore } from '@/stores/session'

/**
 * Whenever the session ends (logout, a 401, the socket refusing the token) leave the console
 * for the login page. After an expiry, come back to the same page once logged in again.
 */
export function useSessionExpiryRedirect() {
  const session = useSessionStore()
  const route = useRoute()
  const router = useRouter()

  watch(
    () => session.isAuthenticated,
    (isAuthenticated) => {
      if (isAuthenticated || route.meta.public) return
      const query = session.endReason === 'expired' && route.fullPath !== '/' ? { redirect: route.fullPath } : {}
      void router.replace({ name: 'login', query })
    }
  )
}
