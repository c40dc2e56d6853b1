import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DOMWrapper, flushPromises, mount } from '@vue/test-utils'
import { getActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import ElementPlus, { ElMessage } from 'element-plus'
import type { InternalAxiosRequestConfig } from 'axios'
import SidebarView from './SidebarView.vue'
import { i18n } from '@/i18n'
import { StaffRole } from '@/enums/staff'
import { useSessionStore } from '@/stores/session'
import { fakeServer, type FakeResponse } from '@/testing/fakeHttp'
import { aCouponTemplate, aMemberDetail, LADDER } from '@/testing/loyaltyFixtures'
import { aPortrait } from '@/testing/portraitFixtures'
import { aContact } from '@/testing/wecomFixtures'
import { aQuickReply } from '@/testing/chatFixtures'

const body = () => new DOMWrapper(document.body)
const BOUND = aContact({ member: { id: 101, name: '李小姐', member_no: 'M00000101', phone: '138****0001' } })
const page = <T>(data: T[]) => ({ status: 200, data: { data, meta: { total: data.length, page: 1, per_page: 20 } } })
let writeText: ReturnType<typeof vi.fn>

function answer(config: InternalAxiosRequestConfig): FakeResponse {
  if (config.url === '/wecom/contacts') return page([aContact({ id: 30, external_userid: 'wmEXT0031-other', name: '同名' }), BOUND])
  if (config.url === '/members/101') return { status: 200, data: aMemberDetail({ portrait: aPortrait() }) }
  if (config.url === '/tiers') return { status: 200, data: { data: LADDER } }
  if (config.url === '/quick-replies') return page([aQuickReply()])
  if (config.url === '/quick-replies/1/use') return { status: 200, data: { text: '李小姐 您好，我是 张导购' } }
  if (config.url === '/coupon-templates') return page([aCouponTemplate()])
  if (config.url === '/coupon-templates/9/issue') return { status: 201, data: { coupons: [{ code: 'CPN-88', member_id: 101 }], skipped: [] } }
  return page([])
}

async function openSidebar(path: string) {
  useSessionStore().start('tok', { id: 7, name: '张导购', role: StaffRole.Guide, store_id: 3 })
  const requests = fakeServer(answer)
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/sidebar', name: 'sidebar', component: SidebarView }, { path: '/tags', name: 'tags', component: { template: '<p />' } }] })
  await router.push(path)
  const wrapper = mount({ template: '<router-view />' }, { global: { plugins: [getActivePinia()!, i18n, router, ElementPlus] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, requests }
}

beforeEach(() => {
  writeText = vi.fn(async () => undefined)
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
})
afterEach(() => {
  Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true })
})

describe('the WeCom sidebar outside WeCom', () => {
  it('finds the customer from ?external_userid= and shows their member in brief', async () => {
    const { wrapper, requests } = await openSidebar('/sidebar?external_userid=wmEXT0031')
    expect(requests.find((r) => r.url === '/wecom/contacts')!.params).toMatchObject({ q: 'wmEXT0031' })
    expect(wrapper.get('[data-testid="sidebar-contact"]').text()).toContain('李小姐')
    expect(wrapper.get('[data-testid="sidebar-points"]').text()).toBe('1280')
    expect(wrapper.get('[data-testid="sidebar-member"]').text()).toContain('忠诚客户')
    expect(wrapper.find('[data-testid="member-tag-vip"]').exists()).toBe(true)
  })

  it('copies a quick reply filled for the member, and says to paste it', async () => {
    const success = vi.spyOn(ElMessage, 'success')
    const { wrapper, requests } = await openSidebar('/sidebar?external_userid=wmEXT0031')
    await wrapper.get('[data-testid="sidebar-send-1"]').trigger('click')
    await flushPromises()
    expect(JSON.parse(requests.find((r) => r.url === '/quick-replies/1/use')!.data as string)).toEqual({ member_id: 101 })
    expect(writeText).toHaveBeenCalledWith('李小姐 您好，我是 张导购')
    expect(success).toHaveBeenCalledWith('已复制，请粘贴到聊天窗口发送')
  })

  it('hands it to WeCom’s sendChatMessage when the JS-SDK is there', async () => {
    const invoke = vi.fn((_api: string, _params: unknown, callback: (r: { err_msg: string }) => void) => callback({ err_msg: 'sendChatMessage:ok' }))
    ;(globalThis as { wx?: unknown }).wx = { invoke }
    try {
      const { wrapper } = await openSidebar('/sidebar?external_userid=wmEXT0031')
      await wrapper.get('[data-testid="sidebar-send-1"]').trigger('click')
      await flushPromises()
      expect(invoke).toHaveBeenCalledWith('sendChatMessage', { msgtype: 'text', text: { content: '李小姐 您好，我是 张导购' }, enterChat: true }, expect.any(Function))
      expect(writeText).not.toHaveBeenCalled()
    } finally {
      delete (globalThis as { wx?: unknown }).wx
    }
  })

  it('issues a coupon to the member and hands over its code', async () => {
    const { wrapper, requests } = await openSidebar('/sidebar?external_userid=wmEXT0031')
    await wrapper.get('[data-testid="sidebar-coupon"]').trigger('click')
    await flushPromises()
    await body().get('[data-testid="coupon-template-9"] button').trigger('click')
    await flushPromises()
    const issue = requests.find((r) => r.url === '/coupon-templates/9/issue')!
    expect(JSON.parse(issue.data as string)).toEqual({ member_ids: [101] })
    expect(issue.headers['Idempotency-Key']).toEqual(expect.any(String))
    expect(writeText).toHaveBeenCalledWith(expect.stringContaining('CPN-88'))
  })

  it('says where to open it without a customer', async () => {
    const { wrapper } = await openSidebar('/sidebar')
    expect(wrapper.get('[data-testid="list-empty"]').text()).toContain('请在企业微信的客户聊天中打开侧边栏')
  })
})
