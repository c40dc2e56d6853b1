import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DOMWrapper, flushPromises, mount } from '@vue/test-utils'
import { getActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import ElementPlus from 'element-plus'
import { io } from 'socket.io-client'
import MemberChatView from './MemberChatView.vue'
import { memberClient } from '@/api/memberChat'
import { i18n } from '@/i18n'
import { MessageType } from '@/enums/chat'
import { MEMBER_TOKEN_STORAGE_KEY } from '@/chat/memberToken'
import { disconnectMember } from '@/realtime/memberSocket'
import { errorsBody, fakeServer, type FakeResponse } from '@/testing/fakeHttp'
import { FakeSocket } from '@/testing/fakeSocket'
import { aMessage, aStaffMessage, fakeMessageStore } from '@/testing/chatFixtures'

vi.mock('socket.io-client', () => ({ io: vi.fn() }))

const body = () => new DOMWrapper(document.body)
const ME = {
  member: { id: 101, name: '李小姐', tier: { code: 'gold', name: '金卡' }, points_balance: 1280 },
  conversation: { id: 5, last_seq: 2, guide: { id: 7, name: '张导购', store: { id: 3, name: '北京国贸店' } } },
}
const COUPON = { code: 'CPN-88', name: '春季满 100 减 20', kind: 'amount_off', value: '20.00', min_spend: '100.00', valid_until: '2025-06-01T15:59:59.000Z' }

async function openPage(path: string, session: FakeResponse = { status: 200, data: { token: 'member-token', member: ME.member } }) {
  const server = fakeMessageStore([aStaffMessage(1, { type: MessageType.Coupon, body: COUPON } as never), aMessage(2, { text: '<script>alert(1)</script>' })])
  fakeServer((config) => {
    if (config.url === '/member/session') return session
    if (config.url === '/member/me') return { status: 200, data: ME }
    return { status: 200, data: server.page(config.params ?? {}) }
  }, memberClient)
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/m/chat', name: 'member-chat', component: MemberChatView }] })
  await router.push(path)
  const wrapper = mount({ template: '<router-view />' }, { global: { plugins: [getActivePinia()!, i18n, router, ElementPlus] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, router }
}

beforeEach(() => {
  vi.mocked(io).mockImplementation((() => new FakeSocket()) as unknown as typeof io)
})
afterEach(() => disconnectMember())

describe('the member chat page', () => {
  it('shows the guide, the member’s points and tier, and the messages; the ticket leaves the address bar', async () => {
    const { wrapper, router } = await openPage('/m/chat?ticket=abc')
    expect(wrapper.get('[data-testid="guide-name"]').text()).toBe('张导购')
    expect(wrapper.get('[data-testid="guide-store"]').text()).toBe('北京国贸店')
    expect(wrapper.get('[data-testid="member-chip"]').text()).toBe('金卡 · 1280 积分')
    expect(wrapper.get('[data-testid="message-text"]').text()).toBe('<script>alert(1)</script>')
    expect(router.currentRoute.value.fullPath).toBe('/m/chat')
  })

  it('opens a coupon card to its code, large, with room for the QR code', async () => {
    const { wrapper } = await openPage('/m/chat?ticket=abc')
    await wrapper.get('[data-testid="coupon-card"]').trigger('click')
    await flushPromises()
    const sheet = body().get('[data-testid="coupon-sheet"]')
    expect(sheet.get('[data-testid="coupon-code"]').text()).toBe('CPN-88')
    expect(sheet.text()).toContain('减 ¥20.00')
    expect(sheet.find('[data-testid="coupon-qr"]').exists()).toBe(true)
  })

  it('says kindly that a used link no longer works and what to do', async () => {
    const { wrapper } = await openPage('/m/chat?ticket=used', { status: 401, data: errorsBody({ message: 'Ticket used' }) })
    const blocked = wrapper.get('[data-testid="member-chat-blocked"]')
    expect(blocked.text()).toContain('链接已失效')
    expect(blocked.text()).toContain('请联系你的导购重新发送一个链接')
    expect(wrapper.find('textarea').exists()).toBe(false)
    expect(localStorage.getItem(MEMBER_TOKEN_STORAGE_KEY)).toBeNull()
  })
})

describe('the member chat page with community groups', () => {
  const GROUP = { id: 9, kind: 'group', title: '春季新品群', guide: null, last_seq: 1, last_message_at: null, last_message_preview: null, unread: 0 }
  const GUIDE_CHAT = { id: 5, kind: 'direct', title: null, guide: { id: 7, name: '张导购' }, last_seq: 2, last_message_at: null, last_message_preview: null, unread: 0 }

  async function openWithGroup() {
    const sockets: FakeSocket[] = []
    vi.mocked(io).mockImplementation((() => {
      const socket = new FakeSocket()
      sockets.push(socket)
      return socket
    }) as unknown as typeof io)
    const guideChat = fakeMessageStore([aStaffMessage(1, { text: '导购的消息' }), aMessage(2, { text: '会员的回复' })])
    const group = fakeMessageStore([{ ...aStaffMessage(1, { text: '新品到店啦', sender_name: '王运营' }), conversation_id: 9 }])
    fakeServer((config) => {
      if (config.url === '/member/session') return { status: 200, data: { token: 'member-token', member: ME.member } }
      if (config.url === '/member/me') return { status: 200, data: ME }
      if (config.url === '/member/conversations') return { status: 200, data: { data: [GROUP, GUIDE_CHAT] } }
      if (config.url === '/conversations/9/messages') return { status: 200, data: group.page(config.params ?? {}) }
      if (config.url === '/conversations/5/messages') return { status: 200, data: guideChat.page(config.params ?? {}) }
      return { status: 404, data: errorsBody({ message: 'Not found' }) }
    }, memberClient)
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/m/chat', name: 'member-chat', component: MemberChatView }] })
    await router.push('/m/chat?ticket=abc')
    const wrapper = mount({ template: '<router-view />' }, { global: { plugins: [getActivePinia()!, i18n, router, ElementPlus] }, attachTo: document.body })
    await flushPromises()
    const socket = sockets[0]!
    socket.open()
    await flushPromises()
    return { wrapper, socket, group }
  }

  const texts = (wrapper: Awaited<ReturnType<typeof openWithGroup>>['wrapper']) => wrapper.findAll('[data-testid="message-text"]').map((m) => m.text())

  it('opens on the guide chat and swaps the thread to a group and back', async () => {
    const { wrapper } = await openWithGroup()
    expect(wrapper.get('[data-testid="switch-guide"]').text()).toBe('我的导购')
    expect(texts(wrapper)).toEqual(['导购的消息', '会员的回复'])

    await wrapper.get('[data-testid="switch-group-9"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="switch-group-9"]').attributes('aria-pressed')).toBe('true')
    expect(texts(wrapper)).toEqual(['新品到店啦'])
    expect(wrapper.text()).toContain('王运营')

    await wrapper.get('[data-testid="switch-guide"]').trigger('click')
    await flushPromises()
    expect(texts(wrapper)).toEqual(['导购的消息', '会员的回复'])
  })

  it('keeps another conversation’s live messages out of the thread on screen, and counts them unread', async () => {
    const { wrapper, socket, group } = await openWithGroup()
    const pushed = { ...aStaffMessage(2, { text: '群里的新消息' }), conversation_id: 9 }
    group.add(pushed)
    socket.fire('message:new', { conversation_id: 9, message: pushed })
    await flushPromises()
    expect(texts(wrapper)).toEqual(['导购的消息', '会员的回复'])
    expect(wrapper.get('[data-testid="switch-group-9"]').text()).toContain('1')

    await wrapper.get('[data-testid="switch-group-9"]').trigger('click')
    await flushPromises()
    socket.fire('message:new', { conversation_id: 5, message: aStaffMessage(3, { text: '导购的新消息' }) })
    socket.fire('message:new', { conversation_id: 9, message: { ...aStaffMessage(3, { text: '群里又一条' }), conversation_id: 9 } })
    await flushPromises()
    expect(texts(wrapper)).toEqual(['新品到店啦', '群里的新消息', '群里又一条'])
  })

  it('sends in the group on screen', async () => {
    const { wrapper, socket } = await openWithGroup()
    await wrapper.get('[data-testid="switch-group-9"]').trigger('click')
    await flushPromises()
    await wrapper.get('textarea').setValue('我要报名')
    await wrapper.get('textarea').trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(socket.sentOf('message:send').map((s) => (s.payload as { conversation_id: number }).conversation_id)).toEqual([9])
  })
})
