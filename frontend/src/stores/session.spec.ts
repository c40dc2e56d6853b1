import { describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { SESSION_STORAGE_KEY, useSessionStore } from './session'
import { StaffRole } from '@/enums/staff'
import { fakeServer } from '@/testing/fakeHttp'

const guide = { id: 7, name: '李娜', role: StaffRole.Guide, store_id: 3 }

/** A fresh page load: a new Pinia reading what this device stored. */
function reload() {
  setActivePinia(createPinia())
  return useSessionStore()
}

describe('the session', () => {
  it('logs in and is still logged in after a reload', async () => {
    const requests = fakeServer(() => ({ status: 200, data: { token: 'oat_abc', staff: guide } }))

    await useSessionStore().login({ email: 'li@example.com', password: 'secret-pass' })

    expect(requests[0]!.url).toBe('/auth/login')
    expect(JSON.parse(requests[0]!.data as string)).toEqual({ email: 'li@example.com', password: 'secret-pass' })
    const restored = reload()
    expect(restored.isAuthenticated).toBe(true)
    expect(restored.token).toBe('oat_abc')
    expect(restored.staff).toEqual(guide)
    expect(restored.role).toBe(StaffRole.Guide)
  })

  it('is gone after logout, on the server and on this device', async () => {
    const requests = fakeServer(() => ({ status: 204 }))
    const session = useSessionStore()
    session.start('oat_abc', guide)

    await session.logout()

    expect(requests.map((r) => r.url)).toEqual(['/auth/logout'])
    expect(session.isAuthenticated).toBe(false)
    expect(session.endReason).toBe('logout')
    expect(reload().isAuthenticated).toBe(false)
  })

  it('ends locally even when the logout request fails', async () => {
    fakeServer(() => ({ status: 503 }))
    const session = useSessionStore()
    session.start('oat_abc', guide)
    await session.logout()
    expect(session.isAuthenticated).toBe(false)
  })

  it('keeps the fuller profile of /auth/me', async () => {
    const profile = { ...guide, email: 'li@example.com', staff_no: 'G007', wecom_user_id: null, status: 'active', store: { id: 3, code: 'SH01', name: '上海一店' } }
    fakeServer(() => ({ status: 200, data: { staff: profile } }))
    const session = useSessionStore()
    session.start('oat_abc', guide)

    await session.fetchProfile()

    expect(session.profileLoaded).toBe(true)
    expect(reload().staff).toEqual(profile)
  })

  it('ignores stored data that is not a session', () => {
    localStorage.setItem(SESSION_STORAGE_KEY, '{not json')
    expect(reload().isAuthenticated).toBe(false)
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ token: 'x', staff: { ...guide, role: 'superuser' } }))
    expect(reload().isAuthenticated).toBe(false)
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ token: '', staff: guide }))
    expect(reload().isAuthenticated).toBe(false)
  })
})
