import { describe, expect, it, vi } from 'vitest'
import { DeliveryState, MessageType } from '@/enums/chat'
import { aMessage, aStaffMessage, fakeMessageStore } from '@/testing/chatFixtures'
import {
  addMessages,
  addPending,
  advanceReceipts,
  catchUp,
  deliveryState,
  loadLatest,
  loadOlder,
  mergeMessages,
  newThread,
  receiveMessage,
} from './thread'

const seqs = (messages: { seq: number }[]) => messages.map((m) => m.seq)

describe('merging messages', () => {
  it('keeps one copy per id and orders by seq, however they arrive', () => {
    const merged = mergeMessages([aMessage(3), aMessage(1)], [aMessage(2), aMessage(3), aMessage(1), aMessage(5), aMessage(4)])
    expect(seqs(merged)).toEqual([1, 2, 3, 4, 5])
    expect(new Set(merged.map((m) => m.id)).size).toBe(5)
  })

  it('takes the later copy of a message it already holds', () => {
    const merged = mergeMessages([aMessage(1, { text: 'old' })], [aMessage(1, { text: 'new' })])
    expect(merged).toHaveLength(1)
    expect(merged[0]!.body).toEqual({ text: 'new' })
  })

  it('changes neither list it was given', () => {
    const current = [aMessage(2)]
    const incoming = [aMessage(1)]
    mergeMessages(current, incoming)
    expect(seqs(current)).toEqual([2])
    expect(seqs(incoming)).toEqual([1])
  })
})

describe('a thread', () => {
  it('opens on the latest page and pages back in time with before_seq until the start', async () => {
    const server = fakeMessageStore(Array.from({ length: 120 }, (_, i) => aMessage(i + 1)))
    const load = vi.fn(async (query) => server.page(query))
    const thread = newThread(5)

    await loadLatest(thread, load, 120)
    expect(seqs(thread.messages)).toEqual(Array.from({ length: 50 }, (_, i) => i + 71))
    expect(thread.hasOlder).toBe(true)

    await loadOlder(thread, load)
    await loadOlder(thread, load)
    expect(load.mock.calls.map(([query]) => query.before_seq).filter(Boolean)).toEqual([121, 71, 21])
    expect(seqs(thread.messages)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1))
    expect(thread.hasOlder).toBe(false)

    await loadOlder(thread, load)
    expect(load).toHaveBeenCalledTimes(4) // the after_seq check of loadLatest, and no page before seq 1
  })

  it('after a reconnect gets every message it missed with after_seq, in order and once', async () => {
    const server = fakeMessageStore([aMessage(1), aMessage(2), aMessage(3)])
    const load = vi.fn(async (query) => server.page({ ...query, limit: Math.min(query.limit ?? 50, 7) }))
    const thread = newThread(5)
    await loadLatest(thread, load)

    // Away while 20 arrive; one of them was also pushed just before the socket dropped.
    server.add(...Array.from({ length: 20 }, (_, i) => aMessage(i + 4)))
    receiveMessage(thread, aMessage(4))
    await catchUp(thread, load)

    expect(seqs(thread.messages)).toEqual(Array.from({ length: 23 }, (_, i) => i + 1))
    const afterSeqs = load.mock.calls.map(([query]) => query.after_seq).filter((seq) => seq !== undefined)
    expect(afterSeqs).toEqual([4, 11, 18])
  })

  it('holds back a pushed message that skips seqs, so the catch-up puts the missing ones first', () => {
    const thread = newThread(5)
    addMessages(thread, [aMessage(1), aMessage(2)])
    thread.loaded = true

    expect(receiveMessage(thread, aMessage(3))).toBe(false)
    expect(receiveMessage(thread, aMessage(3))).toBe(false)
    expect(receiveMessage(thread, aMessage(6))).toBe(true)
    expect(seqs(thread.messages)).toEqual([1, 2, 3])
  })

  it('settles a message on its way when the server stores it, whether the ack or the push comes first', () => {
    const thread = newThread(5)
    thread.loaded = true
    addPending(thread, 'c-1', { type: MessageType.Text, body: { text: 'hi' } })
    addPending(thread, 'c-2', { type: MessageType.Text, body: { text: 'there' } })

    receiveMessage(thread, aStaffMessage(1, { client_msg_id: 'c-1', text: 'hi' }))
    expect(thread.pending.map((p) => p.client_msg_id)).toEqual(['c-2'])
    addMessages(thread, [aStaffMessage(1, { client_msg_id: 'c-1', text: 'hi' })])
    expect(thread.messages).toHaveLength(1)
  })
})

describe('ticks', () => {
  it('go from sent to delivered to read as the other side’s receipts move, never back', () => {
    let receipts = newThread(5).receipts
    const message = aStaffMessage(4)
    expect(deliveryState(message, receipts)).toBe(DeliveryState.Sent)

    receipts = advanceReceipts(receipts, { delivered_seq: 4 })
    expect(deliveryState(message, receipts)).toBe(DeliveryState.Delivered)

    receipts = advanceReceipts(receipts, { read_seq: 5 })
    expect(deliveryState(message, receipts)).toBe(DeliveryState.Read)
    expect(receipts.delivered_seq).toBe(5)

    receipts = advanceReceipts(receipts, { delivered_seq: 2, read_seq: 1 })
    expect(receipts).toEqual({ delivered_seq: 5, read_seq: 5 })
  })
})

describe('a thread being opened', () => {
  it('keeps a message pushed while its first page loads', async () => {
    const server = fakeMessageStore([aMessage(1), aMessage(2)])
    let release!: () => void
    const load = vi.fn(async (query) => {
      const page = server.page(query)
      await new Promise<void>((resolve) => (release = resolve))
      return page
    })
    const thread = newThread(5)
    const opening = loadLatest(thread, load)
    receiveMessage(thread, aMessage(3))
    release()
    await opening
    expect(seqs(thread.messages)).toEqual([1, 2, 3])
  })

  it('ignores pushes for a conversation nobody opened (opening it fetches them)', () => {
    const unopened = newThread(6)
    expect(receiveMessage(unopened, aMessage(9))).toBe(false)
    expect(unopened.messages).toEqual([])
  })
})
