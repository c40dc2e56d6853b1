import { SocketErrorCode } from '@/enums/chat'
import { emitReliably, emitWithAck, SocketAckError, type AckSocket } from './ack'
import type { SendMessagePayload, SeqPayload } from './events'
import type { ChatMessage } from '@/api/conversations'

/** Typing events are sent at most this often while someone types. */
export const TYPING_THROTTLE_MS = 3000

/**
 * The chat emits of one namespace (`/console` or `/member`): both speak the same events. The
 * socket is looked up at each call, so a reconnect with a new socket is picked up.
 */
export function createChatEmitter(currentSocket: () => AckSocket | null) {
  const lastTyping = new Map<number, number>()

  function socketOrFail(): AckSocket {
    const socket = currentSocket()
    if (!socket) throw new SocketAckError(SocketErrorCode.Timeout, [{ code: SocketErrorCode.Timeout, message: 'Not connected' }])
    return socket
  }

  return {
    /** Resolves with the stored message; retries (same `client_msg_id`) across reconnects. */
    async send(payload: SendMessagePayload): Promise<ChatMessage> {
      const answer = await emitReliably<{ message: ChatMessage }>(socketOrFail(), 'message:send', payload)
      return answer.message
    },

    /** Best effort: a lost receipt is superseded by the next one. */
    async receipt(event: 'message:delivered' | 'message:read', payload: SeqPayload): Promise<boolean> {
      const socket = currentSocket()
      if (!socket?.connected) return false
      try {
        const answer = await emitWithAck<{ ok: boolean }>(socket, event, payload)
        return answer.ok
      } catch {
        return false
      }
    },

    /** Throttled: the other side keeps the indicator up for a few seconds after each one. */
    typing(conversationId: number, now = Date.now()) {
      const socket = currentSocket()
      if (!socket?.connected) return
      const last = lastTyping.get(conversationId) ?? 0
      if (now - last < TYPING_THROTTLE_MS) return
      lastTyping.set(conversationId, now)
      socket.emit('typing', { conversation_id: conversationId })
    },

    /** After sending, the next keystroke may announce typing again at once. */
    resetTyping(conversationId: number) {
      lastTyping.delete(conversationId)
    },
  }
}

export type ChatEmitter = ReturnType<typeof createChatEmitter>
