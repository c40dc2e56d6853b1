import type { ApiClient } from '@japa/api-client'
import { io as connect, type Socket } from 'socket.io-client'
import env from '#start/env'
import type Store from '#models/store'
import { StoreFactory } from '#database/factories/organisation'
import { staffWithToken } from '#tests/helpers/auth'
import { enrol } from '#tests/helpers/tagging'
import type { AckAnswer, MessagePayload } from '#realtime/events'

export const serverUrl = `http://${env.get('HOST')}:${env.get('PORT')}`

/** A guide at a store with a member they own, and the guide's token. */
export async function guideWithMember(options: { store?: Store; memberName?: string } = {}) {
  const store = options.store ?? (await StoreFactory.create())
  const guide = await staffWithToken('guide', { store })
  const member = await enrol({ ownerStaffId: guide.staff.id, registerStoreId: store.id, name: options.memberName ?? '王静' })
  return { store, guide, member }
}

/** The chat link the guide makes, exchanged for a member token as the chat page does. */
export async function memberSession(client: ApiClient, staffToken: string, memberId: number) {
  const link = await client.post(`/api/v1/members/${memberId}/chat-link`).bearerToken(staffToken)
  link.assertStatus(201)
  const session = await client.post('/api/v1/member/session').json({ ticket: link.body().ticket })
  session.assertStatus(200)
  return { token: session.body().token as string, conversationId: link.body().conversation_id as number, ticket: link.body().ticket as string }
}

/** A socket.io client, as the console or the chat page opens it. */
export function openSocket(namespace: '/console' | '/member', token: string, url = serverUrl): Socket {
  return connect(`${url}${namespace}`, { path: '/socket.io', auth: { token }, transports: ['websocket'], reconnection: false })
}

/** Resolves once the server has placed the socket in its rooms. */
export function ready(socket: Socket) {
  return new Promise<void>((resolve, reject) => {
    socket.once('session:ready', () => resolve())
    socket.once('connect_error', (error) => reject(error))
  })
}

export function ack<T = { message: MessagePayload }>(socket: Socket, event: string, payload: unknown): Promise<AckAnswer<T>> {
  return socket.timeout(5000).emitWithAck(event, payload)
}

/** Everything a socket receives of one event, in arrival order. */
export function collect<T>(socket: Socket, event: string) {
  const received: T[] = []
  socket.on(event, (payload: T) => received.push(payload))
  return received
}

/** The next `event` on the socket that satisfies `match`. */
export function next<T>(socket: Socket, event: string, match: (payload: T) => boolean = () => true, timeoutMs = 5000) {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener)
      reject(new Error(`No ${event} within ${timeoutMs} ms`))
    }, timeoutMs)
    const listener = (payload: T) => {
      if (!match(payload)) return
      clearTimeout(timer)
      socket.off(event, listener)
      resolve(payload)
    }
    socket.on(event, listener)
  })
}

/** Resolves when nothing more arrives: a check that something did NOT happen. */
export function quiet(ms = 300) {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

let clientIds = 0
export const clientMsgId = (label = 'm') => `${label}-${Date.now()}-${++clientIds}`

export function text(conversationId: number, body: string, id = clientMsgId()) {
  return { conversation_id: conversationId, client_msg_id: id, type: 'text', body: { text: body } }
}
