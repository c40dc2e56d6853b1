import { defineStore } from 'pinia'
import { authApi, type Credentials, type SessionStaff, type StaffProfile } from '@/api/auth'
import { isStaffRole, type StaffRole } from '@/enums/staff'

export const SESSION_STORAGE_KEY = 'rapport.session'

/** Why a session ended: a person logging out is not sent back to where they were. */
export type SessionEndReason = 'logout' | 'expired'

interface PersistedSession {
  token: string
  staff: SessionStaff | StaffProfile
}

function isPersistedSession(value: unknown): value is PersistedSession {
  const v = value as PersistedSession | null
  return (
    typeof v?.token === 'string' &&
    v.token.length > 0 &&
    typeof v.staff?.id === 'number' &&
    typeof v.staff.name === 'string' &&
    isStaffRole(v.staff.role)
  )
}

export function readPersistedSession(): PersistedSession | null {
  try {
    const raw = globalThis.localStorage?.getItem(SESSION_STORAGE_KEY)
    const parsed: unknown = raw ? JSON.parse(raw) : null
    return isPersistedSession(parsed) ? parsed : null
  } catch {
    return null
  }
}

export const useSessionStore = defineStore('session', {
  state: () => {
    const persisted = readPersistedSession()
    return {
      token: (persisted?.token ?? null) as string | null,
      staff: (persisted?.staff ?? null) as SessionStaff | StaffProfile | null,
      /** True once `/auth/me` answered in this page load. */
      profileLoaded: false,
      endReason: null as SessionEndReason | null,
      uiFlags: { isLoggingIn: false },
    }
  },

  getters: {
    isAuthenticated: (state) => state.token !== null && state.staff !== null,
    role: (state): StaffRole | null => state.staff?.role ?? null,
  },

  actions: {
    start(token: string, staff: SessionStaff | StaffProfile) {
      this.token = token
      this.staff = staff
      this.endReason = null
      globalThis.localStorage?.setItem(SESSION_STORAGE_KEY, JSON.stringify({ token, staff }))
    },

    /** Forgets the session on this device (the server side is the caller's business). */
    clear(reason: SessionEndReason = 'logout') {
      this.token = null
      this.staff = null
      this.profileLoaded = false
      this.endReason = reason
      globalThis.localStorage?.removeItem(SESSION_STORAGE_KEY)
    },

    async login(credentials: Credentials) {
      this.uiFlags.isLoggingIn = true
      try {
        const { token, staff } = await authApi.login(credentials)
        this.start(token, staff)
      } finally {
        this.uiFlags.isLoggingIn = false
      }
    },

    /** Refreshes the profile (role or store may have changed since the token was issued). */
    async fetchProfile() {
      if (!this.token) return
      const profile = await authApi.me()
      if (!this.token) return
      this.start(this.token, profile)
      this.profileLoaded = true
    },

    async logout() {
      try {
        await authApi.logout()
      } catch {
        // The token is dropped here whatever the server says; an expired one is already dead.
      }
      this.clear('logout')
    },
  },
})
