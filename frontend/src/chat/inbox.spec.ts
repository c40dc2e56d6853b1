import { describe, expect, it } from 'vitest'
import { ConversationFilter, MessageType } from '@/enums/chat'
import { aConversation, aMessage, aStaffMessage } from '@/testing/chatFixtures'
import { applyMessage, isWaiting, matchesFilter, previewOf, sortByActivity, totalUnread, waitingMinutes } from './inbox'

const labels = { image: '[图片]', link: '[链接]', coupon: '[优惠券]', product: '[商品]' }
const NOW = Date.parse('2025-05-01T03:00:00.000Z')
const minutesAgo = (n: number) => new Date(NOW - n * 60_000).toISOString()

describe('waiting for a reply', () => {
  it('counts from the first unanswered member message, and only past ten minutes', () => {
    expect(isWaiting(aConversation({ waiting_since: null }), NOW)).toBe(false)
    expect(isWaiting(aConversation({ waiting_since: minutesAgo(9) }), NOW)).toBe(false)
    expect(isWaiting(aConversation({ waiting_since: minutesAgo(10) }), NOW)).toBe(true)
    expect(waitingMinutes(aConversation({ waiting_since: minutesAgo(25) }), NOW)).toBe(25)
    expect(waitingMinutes(aConversation({ waiting_since: null }), NOW)).toBeNull()
  })

  it('is what the waiting filter keeps, as unread is for the unread filter', () => {
    const waiting = aConversation({ id: 1, waiting_since: minutesAgo(30) })
    const unread = aConversation({ id: 2, unread: 2 })
    expect([waiting, unread].filter((c) => matchesFilter(c, ConversationFilter.Waiting, NOW)).map((c) => c.id)).toEqual([1])
    expect([waiting, unread].filter((c) => matchesFilter(c, ConversationFilter.Unread, NOW)).map((c) => c.id)).toEqual([2])
    expect(totalUnread([waiting, unread, aConversation({ unread: 3 })])).toBe(5)
  })
})

describe('a row when a message arrives', () => {
  it('counts a member message as unread and starts the wait, unless the chat is open', () => {
    const row = applyMessage(aConversation({ last_seq: 3, unread: 1 }), aMessage(4, { text: '在吗？' }), { isOpen: false, labels })
    expect(row).toMatchObject({ last_seq: 4, unread: 2, last_message_preview: '在吗？', waiting_since: aMessage(4).created_at })

    const open = applyMessage(aConversation({ last_seq: 3, unread: 0 }), aMessage(4), { isOpen: true, labels })
    expect(open.unread).toBe(0)
  })

  it('keeps the wait running from the first unanswered message, and ends it when we answer', () => {
    const waiting = aConversation({ last_seq: 3, waiting_since: minutesAgo(20) })
    expect(applyMessage(waiting, aMessage(4), { isOpen: false, labels }).waiting_since).toBe(minutesAgo(20))
    expect(applyMessage(waiting, aStaffMessage(4), { isOpen: false, labels }).waiting_since).toBeNull()
  })

  it('ignores a message the row already counted (the same event twice, a catch-up)', () => {
    const row = aConversation({ last_seq: 4, unread: 1 })
    expect(applyMessage(row, aMessage(4), { isOpen: false, labels })).toBe(row)
    expect(applyMessage(row, aMessage(2), { isOpen: false, labels })).toBe(row)
  })

  it('names cards in the last line', () => {
    const coupon = aStaffMessage(5, { type: MessageType.Coupon, body: { code: 'C1', name: '满 100 减 20', kind: 'amount_off', value: '20.00', valid_until: null } } as never)
    expect(previewOf(coupon, labels)).toBe('[优惠券] 满 100 减 20')
  })

  it('moves the latest conversation to the top', () => {
    const rows = [aConversation({ id: 1, last_message_at: minutesAgo(5) }), aConversation({ id: 2, last_message_at: minutesAgo(1) }), aConversation({ id: 3, last_message_at: null })]
    expect(sortByActivity(rows).map((r) => r.id)).toEqual([2, 1, 3])
  })
})
