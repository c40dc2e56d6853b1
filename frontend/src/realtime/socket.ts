import { io } from 'socket.io-client'
import { watch } from 'vue'
import { useRealtimeStore } from '@/stores/realtime'
import { useSessionStore } from '@/stores/session'
import { useWecomSyncStore } from '@/stores/wecomSync'
import { useChatStore } from '@/stores/chat'
import { setConsoleSocket, type ConsoleSocket } from './consoleChat'
import type { ConsoleEventHandlers, ConsoleEventName } from './events'

export type { ConsoleSocket } from './consoleChat'

/** The message of `connect_error` when the server refuses the token. */
export const UNAUTHORIZED = 'unauthorized'

let socket: ConsoleSocket | null = null

/** The event → store action map. */
export function consoleEventHandlers(): ConsoleEventHandlers {
  const realtime = useRealtimeStore()
  const wecomSync = useWecomSyncStore()
  const chat = useChatStore()
  return {
    'session:ready': (payload) => realtime.onSessionReady(payload),
    'wecom:sync': (run) => wecomSync.receive(run),
    'message:new': (payload) => chat.receive(payload),
    'message:status': (payload) => chat.receiveStatus(payload),
    typing: (payload) => chat.receiveTyping(payload),
    'conversation:updated': (payload) => chat.conversationUpdated(payload),
  }
}

/** Opens the `/console` socket with the session token, replacing any open one. */
export function connectConsole(token: string): ConsoleSocket {
  disconnectConsole()
  const realtime = useRealtimeStore()
  realtime.markConnecting()

  const next: ConsoleSocket = io('/console', { path: '/socket.io', auth: { token } })
  socket = next
  setConsoleSocket(next)

  let connectedBefore = false
  next.on('connect', () => {
    realtime.markConnected()
    // Back after a drop: fetch what was pushed while we were away (by seq, so nothing twice).
    if (connectedBefore) void useChatStore().resync()
    connectedBefore = true
  })
  next.on('disconnect', (reason) => realtime.markDisconnected(reason))
  next.on('connect_error', (error) => {
    realtime.markDisconnected(error.message)
    // The server refused the token: the session is over, as on an HTTP 401.
    if (error.message === UNAUTHORIZED) useSessionStore().clear('expired')
  })
  next.io.on('reconnect_attempt', () => realtime.markConnecting())

  const handlers = consoleEventHandlers()
  for (const event of Object.keys(handlers) as ConsoleEventName[]) {
    next.on(event, handlers[event])
  }
  return next
}

export function disconnectConsole() {
  if (!socket) return
  socket.removeAllListeners()
  socket.io.removeAllListeners()
  socket.disconnect()
  socket = null
  setConsoleSocket(null)
  useRealtimeStore().markDisconnected()
}

/** Keeps the socket in step with the session: connect after login, disconnect on logout. */
export function syncRealtimeWithSession() {
  const session = useSessionStore()
  return watch(
    () => session.token,
    (token) => (token ? connectConsole(token) : disconnectConsole()),
    { immediate: true }
  )
}
