import { describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { routes } from './index'
import { authGuard } from './guards'
import { safeRedirect } from './redirect'
import { useSessionStore } from '@/stores/session'
import { StaffRole } from '@/enums/staff'
import { fakeServer } from '@/testing/fakeHttp'

vi.mock('element-plus', () => ({ ElMessage: { warning: vi.fn(), error: vi.fn() } }))

async function visit(path: string) {
  const router = createRouter({ history: createMemoryHistory(), routes })
  router.beforeEach(authGuard)
  await router.push(path)
  return router.currentRoute.value
}

function loginAs(role: StaffRole) {
  const staff = { id: 1, name: 'X', role, store_id: role === StaffRole.Guide ? 2 : null }
  useSessionStore().start('tok', staff)
  fakeServer(() => ({ status: 200, data: { staff: { ...staff, email: 'x@y.z', staff_no: null, wecom_user_id: null, status: 'active', store: null } } }))
}

describe('page access', () => {
  it('sends a visitor without a session to login, remembering the page', async () => {
    const route = await visit('/staff?page=2')
    expect(route.name).toBe('login')
    expect(route.query.redirect).toBe('/staff?page=2')
  })

  it('sends a guide who opens an admin page back home', async () => {
    loginAs(StaffRole.Guide)
    expect((await visit('/queues')).name).toBe('home')
    expect((await visit('/staff')).name).toBe('home')
  })

  it('lets a store manager see the staff page but not the stores page', async () => {
    loginAs(StaffRole.StoreManager)
    expect((await visit('/staff')).name).toBe('staff')
    expect((await visit('/stores')).name).toBe('home')
  })

  it('lets a guide into WeCom contacts and groups but not sync, channel codes, handovers or binding conflicts', async () => {
    loginAs(StaffRole.Guide)
    expect((await visit('/wecom/contacts')).name).toBe('wecom-contacts')
    expect((await visit('/wecom/groups/5')).name).toBe('wecom-group')
    for (const page of ['sync', 'channel-codes', 'handovers', 'binding-conflicts']) expect((await visit(`/wecom/${page}`)).name).toBe('home')
  })

  it('lets a store manager hand over customers, but not sync WeCom', async () => {
    loginAs(StaffRole.StoreManager)
    expect((await visit('/wecom/handovers/3')).name).toBe('wecom-handover')
    expect((await visit('/wecom/sync')).name).toBe('home')
  })

  it('lets every role into the inbox and quick replies, and opens a conversation by its id', async () => {
    for (const role of [StaffRole.Guide, StaffRole.StoreManager, StaffRole.HqOperator]) {
      loginAs(role)
      const conversation = await visit('/inbox/12?pane=member')
      expect(conversation.name).toBe('inbox')
      expect(conversation.params.id).toBe('12')
      expect((await visit('/quick-replies')).name).toBe('quick-replies')
    }
  })

  it('opens the member chat page without a session, and sends the sidebar to login first', async () => {
    expect((await visit('/m/chat?ticket=abc')).name).toBe('member-chat')
    const sidebar = await visit('/sidebar?external_userid=wmEXT0031')
    expect(sidebar.name).toBe('login')
    expect(sidebar.query.redirect).toBe('/sidebar?external_userid=wmEXT0031')
    loginAs(StaffRole.Guide)
    expect((await visit('/sidebar?external_userid=wmEXT0031')).name).toBe('sidebar')
  })

  it('lets an admin in everywhere', async () => {
    loginAs(StaffRole.Admin)
    for (const name of ['staff', 'stores', 'integrations', 'audit-log', 'queues']) {
      expect((await visit(`/${name}`)).name).toBe(name)
    }
  })

  it('sends a logged-in person away from the login page to where they were going', async () => {
    loginAs(StaffRole.Admin)
    expect((await visit('/login?redirect=/audit-log')).name).toBe('audit-log')
  })

  it('goes to login when the stored token turns out to be dead', async () => {
    useSessionStore().start('dead', { id: 1, name: 'X', role: StaffRole.Admin, store_id: null })
    fakeServer(() => ({ status: 401, data: { errors: [{ message: 'Not authenticated' }] } }))
    const route = await visit('/stores')
    expect(route.name).toBe('login')
    expect(useSessionStore().isAuthenticated).toBe(false)
  })
})

describe('the page after login', () => {
  it('accepts paths inside the console', () => {
    expect(safeRedirect('/staff?page=2')).toBe('/staff?page=2')
  })

  it('refuses anything that leaves the console', () => {
    for (const target of ['//evil.example', 'https://evil.example', '/\\evil.example', 'staff', undefined, '/login']) {
      expect(safeRedirect(target)).toBe('/')
    }
  })
})
