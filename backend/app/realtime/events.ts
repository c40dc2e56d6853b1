/**
 * The socket event maps, shared by the gateway, the workers' emitter and the console.
 * Later domains (tasks, broadcasts) add their events here.
 */
import type { MessageSource, MessageType, ParticipantType, SenderType } from '#enums/conversation'

/** A message as every client sees it (REST catch-up, acks and `message:new` alike). */
export type MessagePayload = {
  id: number
  conversation_id: number
  /** Rises by one per conversation, without gaps. */
  seq: number
  sender_type: `${SenderType}`
  sender_id: number | null
  sender_name: string | null
  type: `${MessageType}`
  /** text: {text}; image: {url}; link: {url, title?, description?, image_url?};
   *  product: {sku, name, price, category}; coupon: {code, name, kind, value, valid_until};
   *  system: {event, text, ...}. */
  body: Record<string, unknown>
  client_msg_id: string | null
  source: `${MessageSource}`
  created_at: string
}

export type SocketErrorCode = 'not_found' | 'forbidden' | 'invalid' | 'unauthorized' | 'conflict' | 'internal' | (string & {})
export type SocketError = { code: SocketErrorCode; message: string; field?: string }
export type AckAnswer<T> = ({ ok: true } & T) | { ok: false; errors: SocketError[] }
export type Ack<T> = (answer: AckAnswer<T>) => void

export type MessageNewPayload = { conversation_id: number; message: MessagePayload }
export type MessageStatusPayload = {
  conversation_id: number
  participant_type: `${ParticipantType}`
  participant_id: number
  delivered_seq: number
  read_seq: number
}
export type TypingPayload = { conversation_id: number; sender_type: `${ParticipantType}`; sender_id: number }
/** The conversation changed hands or state: clients refetch it (and drop it if now a 404). */
export type ConversationUpdatedPayload = {
  conversation_id: number
  reason: 'created' | 'transfer' | 'takeover' | 'release'
  owner_staff_id: number | null
  taken_over_by: number | null
}

export type SendMessageInput = { conversation_id: number; client_msg_id: string; type: string; body: Record<string, unknown> }
export type SeenInput = { conversation_id: number; seq: number }
export type SeenAnswer = { conversation_id: number; delivered_seq: number; read_seq: number }

/** Chat events, the same on /console and /member. */
export interface ChatServerEvents {
  'message:new': (payload: MessageNewPayload) => void
  'message:status': (payload: MessageStatusPayload) => void
  'typing': (payload: TypingPayload) => void
  'conversation:updated': (payload: ConversationUpdatedPayload) => void
}

export interface ChatClientEvents {
  'message:send': (payload: SendMessageInput, ack: Ack<{ message: MessagePayload }>) => void
  'message:delivered': (payload: SeenInput, ack?: Ack<SeenAnswer>) => void
  'message:read': (payload: SeenInput, ack?: Ack<SeenAnswer>) => void
  'typing': (payload: { conversation_id: number }) => void
}

export interface ConsoleServerEvents extends ChatServerEvents {
  'session:ready': (payload: { staff_id: number; rooms: string[] }) => void
  /** A customer deleted a guide (or a guide the customer): to the guide and their store. */
  'wecom:lost': (payload: {
    contact: { id: number; name: string }
    staff_id: number | null
    member_id: number | null
    source: 'del_follow_user' | 'del_external_contact'
    at: string
  }) => void
  /** Progress of a WeCom sync, to the staff member who started it. */
  'wecom:sync': (payload: Record<string, unknown>) => void
}

export interface ConsoleClientEvents extends ChatClientEvents {}

export interface SocketData {
  staffId: number
  role: string
  storeId: number | null
}

export interface MemberServerEvents extends ChatServerEvents {
  'session:ready': (payload: { member_id: number; rooms: string[] }) => void
}

export interface MemberClientEvents extends ChatClientEvents {}

export interface MemberSocketData {
  memberId: number
}

/** Room names (STYLE 6). */
export const rooms = {
  staff: (id: number) => `staff:${id}`,
  store: (id: number) => `store:${id}`,
  /** The store's managers only: they see the store's conversations without taking part. */
  storeManagers: (id: number) => `store-managers:${id}`,
  member: (id: number) => `member:${id}`,
  conversation: (id: number) => `conversation:${id}`,
  group: (id: number) => `group:${id}`,
}
