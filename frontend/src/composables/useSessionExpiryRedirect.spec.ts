import { describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { getActivePinia } from 'pinia'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import { useSessionExpiryRedirect } from './useSessionExpiryRedirect'
import { useSessionStore } from '@/stores/session'
import { StaffRole } from '@/enums/staff'

const Shell = defineComponent({
  setup() {
    useSessionExpiryRedirect()
    return () => h(RouterView)
  },
})

async function openAuditLog() {
  useSessionStore().start('tok', { id: 1, name: 'Ada', role: StaffRole.Admin, store_id: null })
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/login', name: 'login', component: { render: () => h('p', 'login') }, meta: { public: true } },
      { path: '/audit-log', component: { render: () => h('p', 'audit') } },
    ],
  })
  await router.push('/audit-log?page=3')
  mount(Shell, { global: { plugins: [getActivePinia()!, router] } })
  return router
}

describe('leaving the console when the session ends', () => {
  it('after an expiry, goes to login and comes back to the same page', async () => {
    const router = await openAuditLog()
    useSessionStore().clear('expired')
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('login')
    expect(router.currentRoute.value.query.redirect).toBe('/audit-log?page=3')
  })

  it('after a logout, goes to login without remembering the page', async () => {
    const router = await openAuditLog()
    useSessionStore().clear('logout')
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('login')
    expect(router.currentRoute.value.query.redirect).toBeUndefined()
  })
})
