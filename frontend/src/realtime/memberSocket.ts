import { io, type Socket } from 'socket.io-client'
import type { AckSocket } from './ack'
import { createChatEmitter } from './chatEmitter'
import type { MemberClientEvents, MemberEventHandlers, MemberEventName, MemberServerEvents } from './events'

export type MemberSocket = Socket<MemberServerEvents, MemberClientEvents>

/** The message of `connect_error` when the server refuses the token. */
export const UNAUTHORIZED = 'unauthorized'

/** What the member chat page does with the connection's ups and downs, besides the events. */
export interface MemberConnectionHooks {
  connected(): void
  /** Connected again after a drop: time to catch up. */
  reconnected(): void
  disconnected(reason: string): void
  connecting(): void
  /** The token was refused: the chat cannot go on without a new link. */
  unauthorized(): void
}

let socket: MemberSocket | null = null

/** The member's chat emits (send with retries, receipts, typing). */
export const memberChat = createChatEmitter(() => socket as unknown as AckSocket | null)

/** Opens `/member` with the member's token, replacing any open one; socket.io reconnects by itself. */
export function connectMember(token: string, handlers: MemberEventHandlers, hooks: MemberConnectionHooks): MemberSocket {
  disconnectMember()
  const next: MemberSocket = io('/member', { path: '/socket.io', auth: { token } })
  socket = next
  hooks.connecting()

  let connectedBefore = false
  next.on('connect', () => {
    hooks.connected()
    if (connectedBefore) hooks.reconnected()
    connectedBefore = true
  })
  next.on('disconnect', (reason) => {
    hooks.disconnected(reason)
    // socket.io does not come back by itself after the server closed the connection.
    if (reason === 'io server disconnect') next.connect()
  })
  next.on('connect_error', (error) => {
    if (error.message === UNAUTHORIZED) {
      hooks.unauthorized()
      disconnectMember()
    } else {
      hooks.disconnected(error.message)
    }
  })
  next.io.on('reconnect_attempt', () => hooks.connecting())

  for (const event of Object.keys(handlers) as MemberEventName[]) {
    next.on(event, handlers[event])
  }
  return next
}

export function disconnectMember() {
  if (!socket) return
  socket.removeAllListeners()
  socket.io.removeAllListeners()
  socket.disconnect()
  socket = null
}
