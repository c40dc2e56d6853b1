import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { getActivePinia } from 'pinia'
import ElementPlus from 'element-plus'
import MessageBubble from './MessageBubble.vue'
import MessageList from './MessageList.vue'
import { i18n } from '@/i18n'
import { DeliveryState, MessageType, SenderType } from '@/enums/chat'
import type { MessageContent } from '@/api/conversations'
import { addMessages, newThread } from '@/chat/thread'
import { aMessage, aStaffMessage } from '@/testing/chatFixtures'

const SCRIPT = '<script>window.__pwned = true</script>'
const IMG = '<img src=x onerror="window.__pwned = true">'

function bubble(content: MessageContent, props: Record<string, unknown> = {}) {
  return mount(MessageBubble, {
    props: { content, mine: false, at: '2025-05-01T02:00:00.000Z', ...props },
    global: { plugins: [getActivePinia()!, i18n, ElementPlus] },
    attachTo: document.body,
  })
}

describe('what a message says', () => {
  it('shows <script> and <img onerror> payloads as the text they are', () => {
    for (const payload of [SCRIPT, IMG, `${SCRIPT}\n${IMG}`]) {
      const wrapper = bubble({ type: MessageType.Text, body: { text: payload } })
      expect(wrapper.get('[data-testid="message-text"]').text()).toBe(payload)
      expect(wrapper.find('script').exists()).toBe(false)
      expect(wrapper.find('img').exists()).toBe(false)
      wrapper.unmount()
    }
    expect((window as { __pwned?: boolean }).__pwned).toBeUndefined()
  })

  it('does the same for card and link fields', () => {
    const coupon = bubble({ type: MessageType.Coupon, body: { code: 'C1', name: IMG, kind: 'amount_off', value: '20.00', valid_until: null } } as MessageContent)
    expect(coupon.text()).toContain(IMG)
    expect(coupon.find('img').exists()).toBe(false)

    const product = bubble({ type: MessageType.Product, body: { sku: 'S1', name: SCRIPT, price: '10.00' } })
    expect(product.text()).toContain(SCRIPT)
    expect(product.find('script').exists()).toBe(false)
  })

  it('only links to http(s): a javascript: link is shown, not followed', () => {
    const evil = bubble({ type: MessageType.Link, body: { url: 'javascript:alert(1)', title: 'click me' } })
    expect(evil.find('a').exists()).toBe(false)
    expect(evil.text()).toContain('click me')

    const good = bubble({ type: MessageType.Link, body: { url: 'https://shop.example/p/1', title: '新品' } })
    expect(good.get('a').attributes()).toMatchObject({ href: 'https://shop.example/p/1', rel: 'noopener noreferrer nofollow', target: '_blank' })
  })

  it('puts ticks on our messages and a resend button on one that failed', async () => {
    const failed = bubble({ type: MessageType.Text, body: { text: 'hi' } }, { mine: true, state: DeliveryState.Failed, error: '网络不稳定' })
    expect(failed.get('[data-testid="message-ticks"]').attributes('data-state')).toBe('failed')
    await failed.get('[data-testid="message-retry"]').trigger('click')
    expect(failed.emitted('retry')).toHaveLength(1)

    const read = bubble({ type: MessageType.Text, body: { text: 'hi' } }, { mine: true, state: DeliveryState.Read })
    expect(read.get('[data-testid="message-ticks"]').text()).toBe('✓✓')
  })
})

describe('a message list', () => {
  it('draws a date line per day, our side on the right with ticks, and the other side typing', () => {
    const thread = newThread(5)
    thread.loaded = true
    addMessages(thread, [
      aMessage(1, { created_at: '2025-04-30T12:00:00.000Z' }),
      aStaffMessage(2, { created_at: '2025-05-01T12:00:00.000Z' }),
      aMessage(3, { created_at: '2025-05-01T12:05:00.000Z', text: SCRIPT }),
    ])
    thread.receipts = { delivered_seq: 2, read_seq: 2 }
    thread.typingAt = Date.now()

    const wrapper = mount(MessageList, {
      props: { thread, side: SenderType.Staff, typingText: '李小姐 正在输入…' },
      global: { plugins: [getActivePinia()!, i18n, ElementPlus] },
    })
    expect(wrapper.findAll('[data-testid="date-separator"]')).toHaveLength(2)
    const messages = wrapper.findAll('[data-testid="message"]')
    expect(messages.map((m) => m.classes('mine'))).toEqual([false, true, false])
    expect(messages[1]!.get('[data-testid="message-ticks"]').attributes('data-state')).toBe('read')
    expect(messages[2]!.text()).toContain(SCRIPT)
    expect(wrapper.get('[data-testid="typing-indicator"]').text()).toContain('李小姐 正在输入…')
  })
})
