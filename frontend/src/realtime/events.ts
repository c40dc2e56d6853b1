import type { SyncRun } from '@/api/wecom'
import type { ChatMessage, MessageContent } from '@/api/conversations'
import type { SenderType, SocketErrorCode } from '@/enums/chat'

/**
 * The socket event maps of `/console` and `/member`. They mirror backend/app/realtime/events.ts
 * (CONTRACTS.md §6); later domains (tasks, broadcasts) add their events on both sides.
 */
export interface SessionReadyPayload {
  staff_id: number
  rooms: string[]
}

/** One entry of a refused ack. */
export interface SocketErrorEntry {
  code: SocketErrorCode | string
  message: string
  field?: string
}

/** Every acked event answers `{ok:true, …}` or `{ok:false, errors}`. */
export type SocketAck<T extends object = object> = ({ ok: true } & T) | { ok: false; errors: SocketErrorEntry[] }

export interface MessageNewPayload {
  conversation_id: number
  message: ChatMessage
}

/** A participant's delivered/read position moved. */
export interface MessageStatusPayload {
  conversation_id: number
  participant_type: SenderType.Staff | SenderType.Member
  participant_id: number
  delivered_seq?: number
  read_seq?: number
}

/** A conversation changed hands or state: refetch it (a 404 now means it is no longer ours). */
export interface ConversationUpdatedPayload {
  conversation_id: number
  reason: 'created' | 'transfer' | 'takeover' | 'release'
  owner_staff_id: number | null
  taken_over_by: number | null
}

export interface TypingPayload {
  conversation_id: number
  sender_type: SenderType
  sender_id: number
}

/** `message:send`: `client_msg_id` makes a retry safe (the server acks the stored message). */
export type SendMessagePayload = MessageContent & { conversation_id: number; client_msg_id: string }
export type SendMessageAck = SocketAck<{ message: ChatMessage }>

export interface SeqPayload {
  conversation_id: number
  seq: number
}

/** What both namespaces push about conversations. */
export interface ChatServerEvents {
  'message:new': (payload: MessageNewPayload) => void
  'message:status': (payload: MessageStatusPayload) => void
  typing: (payload: TypingPayload) => void
  'conversation:updated': (payload: ConversationUpdatedPayload) => void
}

/** What both namespaces accept about conversations. */
export interface ChatClientEvents {
  'message:send': (payload: SendMessagePayload, ack: (answer: SendMessageAck) => void) => void
  'message:delivered': (payload: SeqPayload, ack: (answer: SocketAck) => void) => void
  'message:read': (payload: SeqPayload, ack: (answer: SocketAck) => void) => void
  typing: (payload: { conversation_id: number }) => void
}

export interface ConsoleServerEvents extends ChatServerEvents {
  'session:ready': (payload: SessionReadyPayload) => void
  /** A WeCom sync moved on (sent to admins' staff rooms); the body of GET /wecom/syncs/:id. */
  'wecom:sync': (run: SyncRun) => void
}

export type ConsoleClientEvents = ChatClientEvents

export type MemberServerEvents = ChatServerEvents
export type MemberClientEvents = ChatClientEvents

export type ConsoleEventName = keyof ConsoleServerEvents

/** One store action per server event: the whole of what the console does with a push. */
export type ConsoleEventHandlers = {
  [E in ConsoleEventName]: (...args: Parameters<ConsoleServerEvents[E]>) => void
}

export type MemberEventName = keyof MemberServerEvents

/** One store action per server event of the member chat page. */
export type MemberEventHandlers = {
  [E in MemberEventName]: (...args: Parameters<MemberServerEvents[E]>) => void
}
