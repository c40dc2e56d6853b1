import type { Socket } from 'socket.io'
import type { Logger } from '@adonisjs/core/logger'
import { errors as vineErrors } from '@vinejs/vine'
import SendMessage from '#actions/conversations/send_message'
import MarkSeen, { type Seen } from '#actions/conversations/mark_seen'
import { ApiException, TooManyRequestsException } from '#exceptions/api_exceptions'
import { MessageType } from '#enums/conversation'
import { activeParticipant, participantsOf, visibleConversation } from '#queries/conversations/conversation_queries'
import { publishTyping } from '#services/messenger'
import type { Chatter } from '#services/chatter'
import { seenValidator, sendMessageValidator, typingValidator } from '#validators/conversation'
import type { AckAnswer, ChatClientEvents, ChatServerEvents, SeenAnswer, SocketError } from '#realtime/events'

/**
 * The chat events of both namespaces (/console for staff, /member for members): the same
 * actions as REST, answered through the ack as `{ok:true, ...}` or `{ok:false, errors}` with the
 * codes of CONTRACTS section 2 (`not_found` for a conversation outside your scope).
 */
export function registerChatHandlers(socket: Socket<ChatClientEvents, ChatServerEvents>, who: Chatter, logger: Logger) {
  const maySend = sendAllowance(socket, who)
  socket.on('message:send', (payload, ack) =>
    answer(ack, logger, async () => {
      if (!maySend()) throw new TooManyRequestsException('Too many messages at once: wait a moment and send again')
      const input = await sendMessageValidator.validate(payload)
      const { message } = await new SendMessage().handle(who, { ...input, type: input.type as MessageType })
      return { message }
    })
  )

  const seen = (kind: Seen) => (payload: unknown, ack?: (answer: AckAnswer<SeenAnswer>) => void) =>
    answer(ack, logger, async () => {
      const input = await seenValidator.validate(payload)
      return new MarkSeen().handle(who, input.conversation_id, input.seq, kind)
    })
  socket.on('message:delivered', seen('delivered'))
  socket.on('message:read', seen('read'))

  // Typing has no ack; a bad or foreign conversation is simply ignored.
  socket.on('typing', (payload) =>
    answer(undefined, logger, async () => {
      const { conversation_id } = await typingValidator.validate(payload)
      const conversation = await visibleConversation(who, conversation_id)
      const participants = await participantsOf(conversation.id)
      // Only someone who can write in it is typing in it (not a manager looking on).
      if (activeParticipant(participants, who)) publishTyping(participants, who, conversation.id)
      return {}
    })
  )
}

/**
 * Messages one person may send: a burst of 30, then 10 a second, over all their sockets in this
 * process. More than anyone types or clicks quick replies; a stop for a runaway script before it
 * reaches MySQL, however many sockets it opens. Counted in the process, so it costs no round
 * trip. A person's allowance outlives their last socket until it would be full again, so
 * reconnecting does not refill it.
 */
const SEND_BURST = 30
const SEND_PER_SECOND = 10
const senders = new Map<string, { sockets: number; take: () => boolean }>()

function sendAllowance(socket: Socket, who: Chatter) {
  const key = `${who.type}:${who.id}`
  const sender = senders.get(key) ?? { sockets: 0, take: allowance(SEND_BURST, SEND_PER_SECOND) }
  senders.set(key, sender)
  sender.sockets++
  socket.once('disconnect', () => {
    sender.sockets--
    setTimeout(() => {
      if (sender.sockets === 0 && senders.get(key) === sender) senders.delete(key)
    }, (SEND_BURST / SEND_PER_SECOND) * 1000).unref()
  })
  return sender.take
}

/** A token bucket: true while there is a token to take. */
function allowance(burst: number, perSecond: number) {
  let tokens = burst
  let at = Date.now()
  return () => {
    const now = Date.now()
    tokens = Math.min(burst, tokens + ((now - at) / 1000) * perSecond)
    at = now
    if (tokens < 1) return false
    tokens -= 1
    return true
  }
}

async function answer<T extends object>(ack: ((answer: AckAnswer<T>) => void) | undefined, logger: Logger, work: () => Promise<T>) {
  let result: AckAnswer<T>
  try {
    result = { ok: true, ...(await work()) }
  } catch (error) {
    const errors = socketErrors(error)
    if (errors[0].code === 'internal') logger.error({ err: error }, 'socket event failed')
    result = { ok: false, errors }
  }
  if (typeof ack === 'function') ack(result)
}

/** The socket twin of the HTTP error handler: a status becomes its code. */
export function socketErrors(error: unknown): SocketError[] {
  if (error instanceof vineErrors.E_VALIDATION_ERROR) {
    const messages = error.messages as { field: string; message: string }[]
    return messages.map((m) => ({ code: 'invalid', message: m.message, field: m.field }))
  }
  if (error instanceof ApiException) {
    const byStatus: Record<number, string> = { 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 422: 'invalid' }
    const code = byStatus[error.status] ?? error.code ?? 'conflict'
    return [{ code, message: error.message, ...(error.field ? { field: error.field } : {}) }]
  }
  if ((error as { code?: string })?.code === 'E_ROW_NOT_FOUND') return [{ code: 'not_found', message: 'Not found' }]
  return [{ code: 'internal', message: 'Something went wrong, try again' }]
}
