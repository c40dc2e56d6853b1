import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { getActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import ElementPlus from 'element-plus'
import LoginView from './LoginView.vue'
import { i18n } from '@/i18n'
import { useSessionStore } from '@/stores/session'
import { StaffRole } from '@/enums/staff'
import { errorsBody, fakeServer } from '@/testing/fakeHttp'

async function openLogin(path = '/login') {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/login', name: 'login', component: LoginView },
      { path: '/', name: 'home', component: { template: '<p>home</p>' } },
      { path: '/staff', name: 'staff', component: { template: '<p>staff</p>' } },
    ],
  })
  await router.push(path)
  const wrapper = mount(LoginView, { global: { plugins: [getActivePinia()!, i18n, router, ElementPlus] }, attachTo: document.body })
  return { wrapper, router }
}

async function submit(wrapper: Awaited<ReturnType<typeof openLogin>>['wrapper'], email: string, password: string) {
  await wrapper.get('[data-testid="login-email"]').setValue(email)
  await wrapper.get('[data-testid="login-password"]').setValue(password)
  await wrapper.get('form').trigger('submit')
  await flushPromises()
  await flushPromises()
}

describe('the login page', () => {
  it('says the email or password is wrong on a 401, and stays', async () => {
    fakeServer(() => ({ status: 401, data: errorsBody({ message: 'Wrong email or password', code: 'invalid_credentials' }) }))
    const { wrapper, router } = await openLogin()

    await submit(wrapper, 'ada@example.com', 'wrong-password')

    expect(wrapper.get('[data-testid="login-error"]').text()).toContain('邮箱或密码错误')
    expect(router.currentRoute.value.name).toBe('login')
    wrapper.unmount()
  })

  it('asks to wait a minute after too many attempts', async () => {
    fakeServer(() => ({ status: 429, data: errorsBody({ message: 'Too many requests, try again later' }) }))
    const { wrapper } = await openLogin()

    await submit(wrapper, 'ada@example.com', 'whatever')

    expect(wrapper.get('[data-testid="login-error"]').text()).toContain('请一分钟后再试')
    wrapper.unmount()
  })

  it('does not call the server when the email is not an email', async () => {
    const requests = fakeServer(() => ({ status: 200, data: {} }))
    const { wrapper } = await openLogin()

    await submit(wrapper, 'not-an-email', 'secret')

    expect(requests).toHaveLength(0)
    // Element Plus shows a field's message after a short debounce.
    await vi.waitFor(() => expect(wrapper.text()).toContain('请输入有效的邮箱地址'))
    wrapper.unmount()
  })

  it('opens the page the person came from after logging in', async () => {
    const staff = { id: 1, name: 'Ada', role: StaffRole.Admin, store_id: null }
    fakeServer(() => ({ status: 200, data: { token: 'oat_1', staff } }))
    const { wrapper, router } = await openLogin('/login?redirect=/staff')

    await submit(wrapper, 'ada@example.com', 'correct-horse')

    expect(useSessionStore().token).toBe('oat_1')
    expect(router.currentRoute.value.fullPath).toBe('/staff')
    wrapper.unmount()
  })
})
