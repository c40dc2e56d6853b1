import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { getActivePinia } from 'pinia'
import ElementPlus from 'element-plus'
import AppHeader from './AppHeader.vue'
import { i18n } from '@/i18n'
import { useSessionStore } from '@/stores/session'
import { StaffRole } from '@/enums/staff'
import { fakeServer } from '@/testing/fakeHttp'

function mountHeader() {
  return mount(AppHeader, {
    props: { navOpen: true },
    global: { plugins: [getActivePinia()!, i18n, ElementPlus] },
    attachTo: document.body,
  })
}

/** Dropdown menus are teleported to the end of <body>. */
const inBody = (selector: string) => document.body.querySelector<HTMLElement>(selector)

describe('the console header', () => {
  it('shows who is logged in, with their role, and the live indicator', () => {
    useSessionStore().start('tok', { id: 4, name: '张导购', role: StaffRole.Guide, store_id: 2 })
    const header = mountHeader()
    expect(header.get('[data-testid="current-staff"]').text()).toBe('张导购')
    expect(header.text()).toContain('导购')
    expect(header.get('[data-testid="connection-status"]').attributes('data-status')).toBe('disconnected')
    header.unmount()
  })

  it('logs out from the staff menu', async () => {
    const requests = fakeServer(() => ({ status: 204 }))
    const session = useSessionStore()
    session.start('tok', { id: 4, name: '张导购', role: StaffRole.Guide, store_id: 2 })
    const header = mountHeader()

    await header.get('[data-testid="current-staff"]').trigger('click')
    await vi.waitFor(() => expect(inBody('[data-testid="logout"]')).not.toBeNull())
    inBody('[data-testid="logout"]')!.click()
    await flushPromises()

    expect(requests.map((r) => r.url)).toEqual(['/auth/logout'])
    expect(session.isAuthenticated).toBe(false)
    header.unmount()
  })
})
