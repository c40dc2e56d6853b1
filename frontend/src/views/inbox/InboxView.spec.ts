import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DOMWrapper, flushPromises, mount } from '@vue/test-utils'
import { getActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import ElementPlus from 'element-plus'
import type { InternalAxiosRequestConfig } from 'axios'
import InboxView from './InboxView.vue'
import { i18n } from '@/i18n'
import { StaffRole } from '@/enums/staff'
import { ConversationChannel, MessageType } from '@/enums/chat'
import { CouponTemplateStatus } from '@/enums/loyalty'
import { useSessionStore } from '@/stores/session'
import { useChatStore } from '@/stores/chat'
import { useInboxStore } from '@/stores/inbox'
import { setConsoleSocket, type ConsoleSocket } from '@/realtime/consoleChat'
import { fakeServer, type FakeResponse } from '@/testing/fakeHttp'
import { FakeSocket } from '@/testing/fakeSocket'
import { aCouponTemplate, aMemberDetail, LADDER } from '@/testing/loyaltyFixtures'
import { aPortrait } from '@/testing/portraitFixtures'
import { aConversation, aMessage, aQuickReply, aStaffMessage, fakeMessageStore } from '@/testing/chatFixtures'

const body = () => new DOMWrapper(document.body)
const XSS = '<img src=x onerror="window.__pwned = true"><script>window.__pwned = true</script>'
const page = <T>(data: T[]) => ({ status: 200, data: { data, meta: { total: data.length, page: 1, per_page: 30 } } })

let socket: FakeSocket

function answer(server: ReturnType<typeof fakeMessageStore>) {
  return (config: InternalAxiosRequestConfig): FakeResponse => {
    const { url, method } = config
    if (url === '/conversations') {
      return page([
        aConversation({ unread: 2, waiting_since: '2025-05-01T02:03:00.000Z', last_message_preview: XSS }),
        aConversation({ id: 6, channel: ConversationChannel.Wecom, member: { id: 102, name: '王先生', tier: 'member' }, last_message_at: '2025-05-01T01:00:00.000Z' }),
      ])
    }
    if (url === '/conversations/5') return { status: 200, data: { ...aConversation(), participants: [{ type: 'member', id: 101, name: '李小姐', last_delivered_seq: 3, last_read_seq: 2 }] } }
    if (url === '/conversations/5/messages') return { status: 200, data: server.page(config.params ?? {}) }
    if (url === '/conversations/5/read') return { status: 200, data: {} }
    if (url === '/conversations/5/coupon') {
      const input = JSON.parse(config.data as string)
      return { status: 201, data: { message: aStaffMessage(4, { type: MessageType.Coupon, client_msg_id: input.client_msg_id, body: { code: 'CPN-88', name: '春季满 100 减 20', kind: 'amount_off', value: '20.00', valid_until: null } } as never) } }
    }
    if (url === '/conversations/stats') return { status: 200, data: { data: [{ staff: { id: 7, name: '张导购' }, conversations: 4, median_first_response_seconds: 200, unanswered: 1 }] } }
    if (url === '/tiers') return { status: 200, data: { data: LADDER } }
    if (url === '/members/101') return { status: 200, data: aMemberDetail({ portrait: aPortrait() }) }
    if (url === '/quick-replies') return page([aQuickReply(), aQuickReply({ id: 2, title: '退货', content: '退货请带小票', category: '售后' })])
    if (url === '/quick-replies/1/use' && method === 'post') return { status: 200, data: { text: '李小姐 您好，我是 张导购' } }
    if (url === '/coupon-templates') {
      return page([aCouponTemplate(), aCouponTemplate({ id: 10, name: '已发完', total_stock: 5, issued_count: 5 }), aCouponTemplate({ id: 11, name: '已归档', status: CouponTemplateStatus.Archived })])
    }
    return page([])
  }
}

async function openInbox(role: StaffRole, path = '/inbox') {
  useSessionStore().start('tok', { id: 7, name: '张导购', role, store_id: 3 })
  const server = fakeMessageStore([aMessage(1, { text: XSS }), aStaffMessage(2), aMessage(3)])
  const requests = fakeServer(answer(server))
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/inbox/:id(\\d+)?', name: 'inbox', component: InboxView, props: (route) => ({ id: route.params.id ? Number(route.params.id) : null }) },
      { path: '/members/:id', name: 'member', component: { template: '<p>member</p>' } },
      { path: '/quick-replies', name: 'quick-replies', component: { template: '<p>replies</p>' } },
      { path: '/tags', name: 'tags', component: { template: '<p>tags</p>' } },
    ],
  })
  await router.push(path)
  const wrapper = mount({ template: '<router-view />' }, { global: { plugins: [getActivePinia()!, i18n, router, ElementPlus] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, requests, router, server }
}

beforeEach(() => {
  socket = new FakeSocket()
  socket.connected = true
  setConsoleSocket(socket as unknown as ConsoleSocket)
})

afterEach(() => setConsoleSocket(null))

const posts = (requests: InternalAxiosRequestConfig[], url: string) => requests.filter((r) => r.method === 'post' && r.url === url).map((r) => JSON.parse(r.data as string))

describe('the inbox', () => {
  it('lists conversations with unread counts, channel and how long the member has waited, text as text', async () => {
    vi.useFakeTimers({ now: Date.parse('2025-05-01T02:30:00.000Z'), toFake: ['Date'] })
    const { wrapper } = await openInbox(StaffRole.Guide)
    vi.useRealTimers()
    const row = wrapper.get('[data-testid="conversation-5"]')
    expect(row.text()).toContain('李小姐')
    expect(row.text()).toContain(XSS)
    expect(row.find('img').exists()).toBe(false)
    expect(wrapper.get('[data-testid="unread-5"]').text()).toContain('2')
    expect(wrapper.get('[data-testid="waiting-5"]').text()).toBe('已等待 27 分钟')
    expect(wrapper.get('[data-testid="channel-6"]').attributes('data-channel')).toBe('wecom')
    expect(wrapper.find('[data-testid="toggle-stats"]').exists()).toBe(false)
  })

  it('opens a conversation with its messages, the member beside it, and marks it read', async () => {
    const { wrapper, requests, router } = await openInbox(StaffRole.Guide)
    await wrapper.get('[data-testid="conversation-5"]').trigger('click')
    await flushPromises()

    expect(router.currentRoute.value.fullPath).toBe('/inbox/5')
    const pane = wrapper.get('[data-testid="conversation-pane"]')
    expect(pane.findAll('[data-testid="message"]')).toHaveLength(3)
    expect(pane.get('[data-testid="message-text"]').text()).toBe(XSS)
    expect(pane.find('.message-list img').exists()).toBe(false)
    expect((window as { __pwned?: boolean }).__pwned).toBeUndefined()
    expect(pane.findAll('[data-testid="message-ticks"]').map((t) => t.attributes('data-state'))).toEqual(['read'])

    expect(wrapper.get('[data-testid="inbox-member-points"]').text()).toBe('1280')
    expect(wrapper.get('[data-testid="rfm-group"]').text()).toContain('忠诚客户')
    expect(posts(requests, '/conversations/5/read')).toEqual([{ seq: 3 }])
    expect(useInboxStore().byId(5)!.unread).toBe(0)
    const badge = wrapper.find('[data-testid="unread-5"] .el-badge__content')
    expect(badge.exists() && badge.isVisible()).toBe(false)
  })

  it('fills a quick reply picked with / for the member, and sends what the guide read', async () => {
    const { wrapper, requests } = await openInbox(StaffRole.Guide, '/inbox/5')
    const input = wrapper.get('textarea[data-testid="chat-input"]')
    await input.setValue('/退')
    await flushPromises()
    const picker = wrapper.get('[data-testid="quick-reply-picker"]')
    expect(picker.findAll('[role="option"]').map((o) => o.text())).toEqual([expect.stringContaining('退货')])

    await input.setValue('/')
    await flushPromises()
    await input.trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(posts(requests, '/quick-replies/1/use')).toEqual([{ member_id: 101 }])
    expect((input.element as HTMLTextAreaElement).value).toBe('李小姐 您好，我是 张导购')

    await wrapper.get('[data-testid="chat-send"]').trigger('click')
    await flushPromises()
    const sent = socket.sentOf('message:send')
    expect(sent.map((s) => s.payload)).toEqual([{ conversation_id: 5, client_msg_id: expect.any(String), type: 'text', body: { text: '李小姐 您好，我是 张导购' } }])
    expect(wrapper.findAll('[data-pending="true"]')).toHaveLength(1)

    const clientMsgId = (sent[0]!.payload as { client_msg_id: string }).client_msg_id
    sent[0]!.ack!({ ok: true, message: aStaffMessage(4, { client_msg_id: clientMsgId, text: '李小姐 您好，我是 张导购' }) })
    await flushPromises()
    expect(wrapper.findAll('[data-pending="true"]')).toHaveLength(0)
    expect(wrapper.findAll('[data-testid="message"]').at(-1)!.text()).toContain('李小姐 您好，我是 张导购')
  })

  it('issues a coupon and posts its card in one step, offering only templates that can still be issued', async () => {
    const { wrapper, requests } = await openInbox(StaffRole.Guide, '/inbox/5')
    await wrapper.get('[data-testid="open-coupons"]').trigger('click')
    await flushPromises()
    const picker = body().get('[data-testid="coupon-picker"]')
    expect(picker.findAll('li').map((li) => li.attributes('data-testid'))).toEqual(['coupon-template-9'])

    await picker.get('[data-testid="coupon-template-9"] button').trigger('click')
    await flushPromises()
    expect(posts(requests, '/conversations/5/coupon')).toEqual([{ template_id: 9, client_msg_id: expect.any(String) }])
    expect(wrapper.findAll('[data-testid="coupon-card"]')).toHaveLength(1)
    expect(useChatStore().threads[5]!.messages.at(-1)!.seq).toBe(4)
  })

  it('shows a new member message live, at the top of the list and in the open chat', async () => {
    const { wrapper } = await openInbox(StaffRole.Guide, '/inbox/6')
    // What the socket's message:new handler does (realtime/socket.ts maps it to this action).
    useChatStore().receive({ conversation_id: 5, message: aMessage(4, { text: '还在吗？', created_at: '2025-05-01T04:00:00.000Z' }) })
    await flushPromises()
    expect(useInboxStore().records.map((r) => r.id)).toEqual([5, 6])
    expect(wrapper.get('[data-testid="conversation-5"]').text()).toContain('还在吗？')
    expect(wrapper.get('[data-testid="unread-5"]').text()).toContain('3')
    // A WeCom customer is answered from WeCom itself.
    expect(wrapper.get('textarea[data-testid="chat-input"]').attributes('disabled')).toBeDefined()
  })

  it('gives a store manager the response times and a takeover', async () => {
    const { wrapper } = await openInbox(StaffRole.StoreManager, '/inbox/5')
    expect(wrapper.get('h1').text()).toContain('门店消息')
    await wrapper.get('[data-testid="toggle-stats"]').trigger('click')
    await flushPromises()
    const stats = wrapper.get('[data-testid="response-times"]')
    expect(stats.text()).toContain('张导购')
    expect(stats.text()).toContain('3 分 20 秒')
    expect(wrapper.find('[data-testid="takeover"]').exists()).toBe(true)
  })
})

describe('the inbox for a guide', () => {
  it('offers no takeover', async () => {
    const { wrapper } = await openInbox(StaffRole.Guide, '/inbox/5')
    expect(wrapper.find('[data-testid="takeover"]').exists()).toBe(false)
  })
})
