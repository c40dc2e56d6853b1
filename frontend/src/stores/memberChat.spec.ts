import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { io } from 'socket.io-client'
import type { InternalAxiosRequestConfig } from 'axios'
import { memberClient } from '@/api/memberChat'
import { MemberChatPhase, MessageType, SenderType } from '@/enums/chat'
import { MEMBER_TOKEN_STORAGE_KEY } from '@/chat/memberToken'
import { disconnectMember } from '@/realtime/memberSocket'
import { useSessionStore } from '@/stores/session'
import { fakeServer, errorsBody, type FakeResponse } from '@/testing/fakeHttp'
import { FakeSocket } from '@/testing/fakeSocket'
import { aMessage, aStaffMessage, fakeMessageStore } from '@/testing/chatFixtures'
import { RealtimeStatus } from './realtime'
import { useMemberChatStore } from './memberChat'

vi.mock('socket.io-client', () => ({ io: vi.fn() }))

const ME = {
  member: { id: 101, name: '李小姐', tier: { code: 'gold', name: '金卡' }, points_balance: 1280 },
  conversation: { id: 5, last_seq: 2, guide: { id: 7, name: '张导购', store: { id: 3, name: '北京国贸店' } } },
}
const UNAUTHORIZED = { status: 401, data: errorsBody({ message: 'Not authenticated' }) }

let sockets: FakeSocket[]
let server: ReturnType<typeof fakeMessageStore>

function answer(overrides: { session?: FakeResponse; me?: FakeResponse } = {}) {
  return fakeServer((config: InternalAxiosRequestConfig) => {
    if (config.url === '/member/session') return overrides.session ?? { status: 200, data: { token: 'member-token', member: ME.member } }
    if (config.url === '/member/me') return overrides.me ?? { status: 200, data: ME }
    if (config.url === '/conversations/5/messages') return { status: 200, data: server.page(config.params ?? {}) }
    return { status: 404, data: errorsBody({ message: 'Not found' }) }
  }, memberClient)
}

beforeEach(() => {
  sockets = []
  server = fakeMessageStore([aStaffMessage(1), aMessage(2)])
  vi.mocked(io).mockImplementation((() => {
    const socket = new FakeSocket()
    sockets.push(socket)
    return socket
  }) as unknown as typeof io)
})

afterEach(() => disconnectMember())

describe('opening the member chat page from a link', () => {
  it('exchanges a fresh ticket for a token kept on the phone, then connects /member with it', async () => {
    const requests = answer()
    const chat = useMemberChatStore()
    await chat.start('ticket-abc')

    expect(chat.phase).toBe(MemberChatPhase.Ready)
    expect(localStorage.getItem(MEMBER_TOKEN_STORAGE_KEY)).toBe('member-token')
    expect(JSON.parse(requests[0]!.data as string)).toEqual({ ticket: 'ticket-abc' })
    expect(requests.find((r) => r.url === '/member/me')!.headers.Authorization).toBe('Bearer member-token')
    expect(chat.thread!.messages.map((m) => m.seq)).toEqual([1, 2])
    expect(io).toHaveBeenCalledWith('/member', { path: '/socket.io', auth: { token: 'member-token' } })
  })

  it('does not carry the console’s staff token', async () => {
    useSessionStore().start('staff-token', { id: 7, name: '张导购', role: 'guide' as never, store_id: 3 })
    const requests = answer()
    await useMemberChatStore().start('ticket-abc')
    expect(requests.every((r) => r.headers.Authorization !== 'Bearer staff-token')).toBe(true)
    expect(useSessionStore().isAuthenticated).toBe(true)
  })

  it('explains a used or expired link when the phone holds no token', async () => {
    answer({ session: UNAUTHORIZED })
    const chat = useMemberChatStore()
    await chat.start('used-ticket')
    expect(chat.phase).toBe(MemberChatPhase.LinkExpired)
    expect(io).not.toHaveBeenCalled()
  })

  it('carries on with the kept token when the same link is opened again', async () => {
    localStorage.setItem(MEMBER_TOKEN_STORAGE_KEY, 'kept-token')
    answer({ session: UNAUTHORIZED })
    const chat = useMemberChatStore()
    await chat.start('used-ticket')
    expect(chat.phase).toBe(MemberChatPhase.Ready)
    expect(io).toHaveBeenCalledWith('/member', expect.objectContaining({ auth: { token: 'kept-token' } }))
  })

  it('asks for a link when there is neither a ticket nor a kept token', async () => {
    const requests = answer()
    const chat = useMemberChatStore()
    await chat.start(null)
    expect(chat.phase).toBe(MemberChatPhase.NoLink)
    expect(requests).toHaveLength(0)
  })

  it('forgets a kept token the server no longer accepts and asks for a new link', async () => {
    localStorage.setItem(MEMBER_TOKEN_STORAGE_KEY, 'old-token')
    answer({ me: UNAUTHORIZED })
    const chat = useMemberChatStore()
    await chat.start(null)
    expect(chat.phase).toBe(MemberChatPhase.SessionExpired)
    expect(localStorage.getItem(MEMBER_TOKEN_STORAGE_KEY)).toBeNull()
  })

  it('offers to try again when the server cannot be reached, keeping nothing half done', async () => {
    answer({ session: { status: 503, data: errorsBody({ message: 'Redis down' }) } })
    const chat = useMemberChatStore()
    await chat.start('ticket-abc')
    expect(chat.phase).toBe(MemberChatPhase.Failed)
    expect(chat.error).toBe('服务暂时不可用，请稍后再试。')
    expect(localStorage.getItem(MEMBER_TOKEN_STORAGE_KEY)).toBeNull()
  })

  it('ends the chat when the socket refuses the token', async () => {
    answer()
    const chat = useMemberChatStore()
    await chat.start('ticket-abc')
    sockets[0]!.fire('connect_error', new Error('unauthorized'))
    expect(chat.phase).toBe(MemberChatPhase.SessionExpired)
    expect(localStorage.getItem(MEMBER_TOKEN_STORAGE_KEY)).toBeNull()
  })
})

describe('the member chat, live', () => {
  it('reconnects by itself and catches up by after_seq without duplicates', async () => {
    const requests = answer()
    const chat = useMemberChatStore()
    await chat.start('ticket-abc')
    const socket = sockets[0]!
    socket.open()
    expect(chat.connection).toBe(RealtimeStatus.Connected)

    socket.fire('message:new', { conversation_id: 5, message: aStaffMessage(3) })
    socket.drop()
    expect(chat.connection).toBe(RealtimeStatus.Disconnected)
    server.add(aStaffMessage(3), aStaffMessage(4), aStaffMessage(5))
    socket.open()
    await flushPromises()

    expect(chat.thread!.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5])
    const catchUps = requests.filter((r) => r.url === '/conversations/5/messages' && r.params?.after_seq !== undefined)
    expect(catchUps.at(-1)!.params).toMatchObject({ after_seq: 3 })
    // The guide's messages are marked read while the page is on screen.
    expect(socket.sentOf('message:read').at(-1)!.payload).toEqual({ conversation_id: 5, seq: 5 })
  })

  it('sends the member’s text with a client_msg_id and shows it once the server stores it', async () => {
    answer()
    const chat = useMemberChatStore()
    await chat.start('ticket-abc')
    const socket = sockets[0]!
    socket.open()

    const sending = chat.send('你好')
    await flushPromises()
    const sent = socket.sentOf('message:send')[0]!
    expect(sent.payload).toMatchObject({ conversation_id: 5, type: MessageType.Text, body: { text: '你好' } })
    const clientMsgId = (sent.payload as { client_msg_id: string }).client_msg_id
    expect(chat.thread!.pending.map((p) => p.client_msg_id)).toEqual([clientMsgId])

    sent.ack!({ ok: true, message: aMessage(3, { client_msg_id: clientMsgId, text: '你好', sender_type: SenderType.Member }) })
    await sending
    expect(chat.thread!.pending).toEqual([])
    expect(chat.thread!.messages.map((m) => m.seq)).toEqual([1, 2, 3])
  })
})
