import type { ChatMessage, ConversationSummary } from '@/api/conversations'
import type { QuickReply } from '@/api/quickReplies'
import { ConversationChannel, ConversationKind, MessageType, QuickReplyScope, SenderType } from '@/enums/chat'

const BASE_TIME = Date.parse('2025-05-01T02:00:00.000Z')

/** A text message of conversation 5; `seq` n was written n minutes after 02:00 UTC. */
export function aMessage(seq: number, overrides: Partial<ChatMessage> & { text?: string } = {}): ChatMessage {
  const { text, ...rest } = overrides
  return {
    id: 1000 + seq,
    conversation_id: 5,
    seq,
    sender_type: SenderType.Member,
    sender_id: 101,
    sender_name: '李小姐',
    type: MessageType.Text,
    body: { text: text ?? `message ${seq}` },
    client_msg_id: null,
    source: ConversationChannel.Web,
    created_at: new Date(BASE_TIME + seq * 60_000).toISOString(),
    ...rest,
  } as ChatMessage
}

/** A guide's message (our side in the console). */
export const aStaffMessage = (seq: number, overrides: Partial<ChatMessage> & { text?: string } = {}) =>
  aMessage(seq, { sender_type: SenderType.Staff, sender_id: 7, sender_name: '张导购', ...overrides })

/** A member's web conversation with guide 7, as GET /conversations lists it. */
export function aConversation(overrides: Partial<ConversationSummary> = {}): ConversationSummary {
  return {
    id: 5,
    kind: ConversationKind.Direct,
    channel: ConversationChannel.Web,
    member: { id: 101, name: '李小姐', tier: 'gold' },
    title: null,
    owner: { id: 7, name: '张导购' },
    last_seq: 3,
    last_message_at: new Date(BASE_TIME + 3 * 60_000).toISOString(),
    last_message_preview: 'message 3',
    unread: 0,
    waiting_since: null,
    taken_over_by: null,
    ...overrides,
  }
}

export function aQuickReply(overrides: Partial<QuickReply> = {}): QuickReply {
  return {
    id: 1,
    scope: QuickReplyScope.Corp,
    store_id: null,
    staff_id: null,
    category: '问候',
    title: '欢迎',
    content: '{{member.name}} 您好，我是 {{guide.name}}',
    use_count: 12,
    created_at: '2025-04-01T00:00:00.000Z',
    ...overrides,
  }
}

/**
 * A conversation's messages as the server holds them, answering `GET …/messages` the way the
 * backend does (after_seq / before_seq exclusive, ascending, `has_more`).
 */
export function fakeMessageStore(messages: ChatMessage[]) {
  const all = [...messages]
  return {
    all,
    add(...more: ChatMessage[]) {
      all.push(...more)
    },
    page(query: { after_seq?: number; before_seq?: number; limit?: number }) {
      const limit = query.limit ?? 50
      const sorted = [...all].sort((a, b) => a.seq - b.seq)
      if (query.after_seq !== undefined) {
        const rows = sorted.filter((m) => m.seq > query.after_seq!)
        return { messages: rows.slice(0, limit), has_more: rows.length > limit }
      }
      const rows = sorted.filter((m) => query.before_seq === undefined || m.seq < query.before_seq)
      return { messages: rows.slice(Math.max(0, rows.length - limit)), has_more: rows.length > limit }
    },
  }
}
