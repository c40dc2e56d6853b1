import db from '@adonisjs/lucid/services/db'
import type Conversation from '#models/conversation'
import type ConversationParticipant from '#models/conversation_participant'
import type Message from '#models/message'
import type QuickReply from '#models/quick_reply'
import { SenderType } from '#enums/conversation'
import type { MessagePayload } from '#realtime/events'

/**
 * JSON shapes of conversations, messages and quick replies (the socket payloads share them).
 */
export function presentMessage(message: Message, senderName: string | null = null): MessagePayload {
  return {
    id: Number(message.id),
    conversation_id: message.conversationId,
    seq: message.seq,
    sender_type: message.senderType,
    sender_id: message.senderId,
    sender_name: senderName,
    type: message.type,
    body: message.body,
    client_msg_id: message.clientMsgId,
    source: message.source,
    created_at: message.createdAt.toUTC().toISO()!,
  }
}

type Named = { type: string; id: number | null }
const key = (who: Named) => `${who.type}:${who.id}`

/** Names of staff and members, in two queries, for messages and participants. */
export async function namesOf(people: Named[]) {
  const staffIds = [...new Set(people.filter((p) => p.type === 'staff' && p.id).map((p) => p.id!))]
  const memberIds = [...new Set(people.filter((p) => p.type === 'member' && p.id).map((p) => p.id!))]
  const [staff, members] = await Promise.all([
    staffIds.length ? db.from('staff').whereIn('id', staffIds).select('id', 'name') : [],
    memberIds.length ? db.from('members').whereIn('id', memberIds).select('id', 'name') : [],
  ])
  const names = new Map<string, string | null>()
  for (const row of staff) names.set(`staff:${row.id}`, row.name)
  for (const row of members) names.set(`member:${row.id}`, row.name)
  return (who: Named) => names.get(key(who)) ?? null
}

export async function presentMessages(messages: Message[]) {
  const name = await namesOf(messages.map((m) => ({ type: m.senderType, id: m.senderId })))
  return messages.map((m) => presentMessage(m, m.senderType === SenderType.System ? null : name({ type: m.senderType, id: m.senderId })))
}

export type ConversationListRow = {
  conversation: Conversation
  unread: number
  member: { id: number; name: string | null; tier: string | null } | null
  owner: { id: number; name: string } | null
}

export function presentConversation(row: ConversationListRow) {
  const c = row.conversation
  return {
    id: c.id,
    kind: c.kind,
    channel: c.channel,
    member: row.member,
    title: c.title,
    owner: row.owner,
    store_id: c.storeId,
    last_seq: c.lastSeq,
    last_message_at: c.lastMessageAt?.toUTC().toISO() ?? null,
    last_message_preview: c.lastMessagePreview,
    unread: row.unread,
    waiting_since: c.firstResponsePendingSince?.toUTC().toISO() ?? null,
    taken_over_by: c.takenOverBy,
    created_at: c.createdAt.toUTC().toISO(),
  }
}

export function presentParticipant(p: ConversationParticipant, name: string | null) {
  return {
    type: p.participantType,
    id: p.participantId,
    name,
    last_delivered_seq: p.lastDeliveredSeq,
    last_read_seq: p.lastReadSeq,
    joined_at: p.joinedAt.toISO(),
    left_at: p.leftAt?.toISO() ?? null,
  }
}

export function presentQuickReply(reply: QuickReply) {
  return {
    id: reply.id,
    scope: reply.scope,
    store_id: reply.storeId,
    staff_id: reply.staffId,
    category: reply.category,
    title: reply.title,
    content: reply.content,
    use_count: reply.useCount,
    created_at: reply.createdAt.toISO(),
    updated_at: reply.updatedAt.toISO(),
  }
}
