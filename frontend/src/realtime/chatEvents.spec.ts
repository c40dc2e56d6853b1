import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { io } from 'socket.io-client'
import { connectConsole, disconnectConsole } from './socket'
import { ACK_TIMEOUT_MS, SEND_ATTEMPTS } from './ack'
import { useChatStore } from '@/stores/chat'
import { useInboxStore } from '@/stores/inbox'
import { useSessionStore } from '@/stores/session'
import { DeliveryState, MessageType, SenderType } from '@/enums/chat'
import { StaffRole } from '@/enums/staff'
import { fakeServer } from '@/testing/fakeHttp'
import { FakeSocket } from '@/testing/fakeSocket'
import { aConversation, aMessage, aStaffMessage, fakeMessageStore } from '@/testing/chatFixtures'

vi.mock('socket.io-client', () => ({ io: vi.fn() }))
vi.mock('element-plus', () => ({ ElMessage: { warning: vi.fn(), error: vi.fn(), success: vi.fn() } }))

let socket: FakeSocket
let server: ReturnType<typeof fakeMessageStore>
let requests: ReturnType<typeof fakeServer>

beforeEach(() => {
  vi.mocked(io).mockImplementation((() => (socket = new FakeSocket())) as unknown as typeof io)
  useSessionStore().start('tok', { id: 7, name: '张导购', role: StaffRole.Guide, store_id: 3 })
  server = fakeMessageStore([aMessage(1), aStaffMessage(2), aMessage(3)])
  requests = fakeServer((config) => {
    if (config.url === '/conversations') return { status: 200, data: { data: [aConversation({ id: 9, last_message_at: '2025-05-01T02:30:00.000Z' }), aConversation()], meta: { total: 2, page: 1, per_page: 30 } } }
    if (config.url === '/conversations/5') return { status: 200, data: { ...aConversation(), participants: [{ type: 'member', id: 101, name: '李小姐', last_delivered_seq: 2, last_read_seq: 1 }] } }
    if (config.url === '/conversations/5/messages') return { status: 200, data: server.page(config.params ?? {}) }
    return { status: 204 }
  })
  connectConsole('tok')
  socket.open()
})

afterEach(() => {
  disconnectConsole()
  vi.useRealTimers()
})

const messageRequests = () => requests.filter((r) => r.url === '/conversations/5/messages').map((r) => r.params)

describe('conversations over the console socket', () => {
  it('moves a conversation to the top of the inbox and counts it unread when a member writes', async () => {
    const inbox = useInboxStore()
    await inbox.fetch(1)
    expect(inbox.records.map((r) => r.id)).toEqual([9, 5])

    socket.fire('message:new', { conversation_id: 5, message: aMessage(4, { text: '在吗', created_at: '2025-05-01T03:00:00.000Z' }) })

    expect(inbox.records.map((r) => r.id)).toEqual([5, 9])
    expect(inbox.byId(5)).toMatchObject({ unread: 1, last_message_preview: '在吗', last_seq: 4 })
    expect(socket.sentOf('message:delivered').map((s) => s.payload)).toEqual([{ conversation_id: 5, seq: 4 }])
  })

  it('shows the open conversation’s new messages once, marks them read, and catches up by seq after a reconnect', async () => {
    const chat = useChatStore()
    await chat.open(5)
    expect(chat.active!.messages.map((m) => m.seq)).toEqual([1, 2, 3])
    expect(chat.active!.receipts).toEqual({ delivered_seq: 2, read_seq: 1 })

    socket.fire('message:new', { conversation_id: 5, message: aMessage(4) })
    socket.fire('message:new', { conversation_id: 5, message: aMessage(4) })
    expect(chat.active!.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4])
    expect(socket.sentOf('message:read').map((s) => s.payload)).toContainEqual({ conversation_id: 5, seq: 4 })

    // Away for a while: five more arrive; the socket comes back.
    socket.drop()
    server.add(aMessage(4), ...[5, 6, 7, 8, 9].map((seq) => aMessage(seq)))
    socket.open()
    await flushPromises()

    expect(chat.active!.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(messageRequests().at(-1)).toMatchObject({ after_seq: 4 })
  })

  it('moves our ticks on message:status from the member and shows the member typing', async () => {
    const chat = useChatStore()
    await chat.open(5)
    socket.fire('message:status', { conversation_id: 5, participant_type: SenderType.Member, participant_id: 101, delivered_seq: 3, read_seq: 3 })
    socket.fire('message:status', { conversation_id: 5, participant_type: SenderType.Staff, participant_id: 8, delivered_seq: 9, read_seq: 9 })
    expect(chat.active!.receipts).toEqual({ delivered_seq: 3, read_seq: 3 })

    socket.fire('typing', { conversation_id: 5, sender_type: SenderType.Member, sender_id: 101 })
    expect(chat.active!.typingAt).not.toBeNull()
  })

  it('resends a message that got no answer under its first client_msg_id, so it is stored once', async () => {
    const chat = useChatStore()
    await chat.open(5)
    vi.useFakeTimers()

    const sending = chat.send(5, { type: MessageType.Text, body: { text: '您好' } })
    await vi.advanceTimersByTimeAsync(ACK_TIMEOUT_MS * SEND_ATTEMPTS)
    await sending
    const pending = chat.active!.pending[0]!
    expect(pending.state).toBe(DeliveryState.Failed)

    const retry = chat.retry(5, pending.client_msg_id)
    await vi.advanceTimersByTimeAsync(0)
    const sends = socket.sentOf('message:send')
    expect(sends).toHaveLength(SEND_ATTEMPTS + 1)
    expect(new Set(sends.map((s) => (s.payload as { client_msg_id: string }).client_msg_id)).size).toBe(1)

    sends.at(-1)!.ack!({ ok: true, message: aStaffMessage(4, { client_msg_id: pending.client_msg_id, text: '您好' }) })
    await retry
    expect(chat.active!.pending).toEqual([])
    expect(chat.active!.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4])
  })
})
