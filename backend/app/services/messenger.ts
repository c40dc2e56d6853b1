import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Conversation from '#models/conversation'
import ConversationParticipant from '#models/conversation_participant'
import Message from '#models/message'
import {
  ConversationKind,
  MessageSource,
  MessageType,
  ParticipantType,
  SenderType,
} from '#enums/conversation'
import { ForbiddenException } from '#exceptions/api_exceptions'
import type { Chatter } from '#services/chatter'
import { presentMessage } from '#queries/conversations/presenters'
import { rooms, type ConversationUpdatedPayload, type MessagePayload, type MessageStatusPayload } from '#realtime/events'
import { toConsole, toMembers } from '#realtime/emitter'

export type MessageDraft = {
  senderType: SenderType
  senderId: number | null
  clientMsgId?: string | null
  type: MessageType
  body: Record<string, unknown>
  source?: MessageSource
  wecomMsgid?: string | null
}

/**
 * Appends a message to a conversation whose row the caller has locked (FOR UPDATE) in `trx`:
 * the lock is what makes `seq` gapless and unique, one writer per conversation at a time. Keeps
 * the conversation's summary (last message, waiting time) and the sender's own marks (you have
 * read what you wrote) in step, and records the first answer to a waiting member.
 */
export async function appendMessage(
  trx: TransactionClientContract,
  conversation: Conversation,
  participants: ConversationParticipant[],
  draft: MessageDraft
) {
  const now = DateTime.utc()
  const seq = conversation.lastSeq + 1
  const message = await Message.create(
    {
      conversationId: conversation.id,
      seq,
      senderType: draft.senderType,
      senderId: draft.senderId,
      clientMsgId: draft.clientMsgId ?? null,
      type: draft.type,
      body: draft.body,
      source: draft.source ?? MessageSource.Web,
      wecomMsgid: draft.wecomMsgid ?? null,
      createdAt: now,
    },
    { client: trx }
  )

  conversation.lastSeq = seq
  conversation.lastMessageAt = now
  conversation.lastMessagePreview = preview(draft.type, draft.body)
  if (conversation.kind === ConversationKind.Direct) {
    if (draft.senderType === SenderType.Member) {
      conversation.lastMemberMessageAt = now
      conversation.firstResponsePendingSince ??= now
    } else if (draft.senderType === SenderType.Staff && conversation.firstResponsePendingSince && draft.senderId) {
      const since = conversation.firstResponsePendingSince
      await trx.table('conversation_responses').insert({
        conversation_id: conversation.id,
        staff_id: draft.senderId,
        store_id: conversation.storeId,
        waiting_since: since.toUTC().toFormat('yyyy-MM-dd HH:mm:ss.SSS'),
        responded_at: now.toFormat('yyyy-MM-dd HH:mm:ss.SSS'),
        seconds: Math.max(0, Math.round(now.diff(since, 'seconds').seconds)),
      })
      conversation.firstResponsePendingSince = null
    }
  }
  await conversation.useTransaction(trx).save()

  const sender = participants.find(
    (p) => !p.leftAt && p.participantId === draft.senderId && (p.participantType as string) === draft.senderType
  )
  if (sender) {
    await trx.from('conversation_participants').where('id', sender.id).update({ last_read_seq: seq, last_delivered_seq: seq })
    sender.lastReadSeq = seq
    sender.lastDeliveredSeq = seq
  }
  return message
}

/**
 * Adds a participant, or brings one back who had left; a newcomer starts with everything so far
 * marked delivered but unread.
 */
export async function join(
  trx: TransactionClientContract,
  conversation: Conversation,
  participants: ConversationParticipant[],
  who: { type: ParticipantType; id: number }
) {
  const existing = participants.find((p) => p.participantType === who.type && p.participantId === who.id)
  if (existing) {
    if (existing.leftAt) {
      existing.merge({ leftAt: null, joinedAt: DateTime.utc() })
      await existing.useTransaction(trx).save()
    }
    return existing
  }
  const created = await ConversationParticipant.create(
    {
      conversationId: conversation.id,
      participantType: who.type,
      participantId: who.id,
      lastDeliveredSeq: 0,
      lastReadSeq: 0,
      joinedAt: DateTime.utc(),
    },
    { client: trx }
  )
  participants.push(created)
  return created
}

/**
 * Who may write: an active participant. In a direct chat, a store manager or HQ who only looks
 * on takes it over first; in a group, staff who see it join by writing.
 */
export async function ensureWriter(
  trx: TransactionClientContract,
  who: Chatter,
  conversation: Conversation,
  participants: ConversationParticipant[]
) {
  const mine = participants.find((p) => p.participantType === who.type && p.participantId === who.id)
  if (mine && !mine.leftAt) return
  if (who.type !== ParticipantType.Staff || conversation.kind !== ConversationKind.Group) {
    throw new ForbiddenException('Take the conversation over to write in it', 'not_participant')
  }
  const joined = await join(trx, conversation, participants, who)
  // Joining a group by writing: what came before counts as read.
  await trx
    .from('conversation_participants')
    .where('id', joined.id)
    .update({ last_read_seq: conversation.lastSeq, last_delivered_seq: conversation.lastSeq })
}

/** The one line the inbox shows under a conversation. */
export function preview(type: MessageType, body: Record<string, unknown>) {
  const text = (value: unknown) => (typeof value === 'string' ? value : '')
  const line = (() => {
    switch (type) {
      case MessageType.Text:
        return text(body.text)
      case MessageType.Image:
        return '[image]'
      case MessageType.Link:
        return `[link] ${text(body.title) || text(body.url)}`
      case MessageType.Coupon:
        return `[coupon] ${text(body.name)}`
      case MessageType.Product:
        return `[product] ${text(body.name)}`
      case MessageType.System:
        return text(body.text)
    }
  })()
  return line.replace(/\s+/g, ' ').trim().slice(0, 200)
}

/** Personal rooms of the active participants, per namespace; `except` leaves one out. */
function roomsOf(participants: ConversationParticipant[], except?: { type: ParticipantType; id: number }) {
  const active = participants.filter(
    (p) => !p.leftAt && !(except && p.participantType === except.type && p.participantId === except.id)
  )
  return {
    staff: active.filter((p) => p.participantType === ParticipantType.Staff).map((p) => rooms.staff(p.participantId)),
    members: active.filter((p) => p.participantType === ParticipantType.Member).map((p) => rooms.member(p.participantId)),
  }
}

/**
 * Announces through the Redis emitter, so every web process (and this one) delivers to the
 * sockets it holds, whether the caller is a web process or a worker. The store's managers look
 * on without taking part, so a store's conversation also goes to their room (not `store:{id}`,
 * which holds the guides too); one emit to all rooms reaches a socket in several of them once.
 */
export function publishMessage(participants: ConversationParticipant[], message: MessagePayload, storeId: number | null) {
  const to = roomsOf(participants)
  const staffRooms = storeId ? [...to.staff, rooms.storeManagers(storeId)] : to.staff
  const payload = { conversation_id: message.conversation_id, message }
  if (staffRooms.length) toConsole().to(staffRooms).emit('message:new', payload)
  if (to.members.length) toMembers().to(to.members).emit('message:new', payload)
}

export function publishNewMessage(
  participants: ConversationParticipant[],
  message: Message,
  senderName: string | null,
  storeId: number | null
) {
  const payload = presentMessage(message, senderName)
  publishMessage(participants, payload, storeId)
  return payload
}

export function publishStatus(participants: ConversationParticipant[], status: MessageStatusPayload) {
  const to = roomsOf(participants, { type: status.participant_type as ParticipantType, id: status.participant_id })
  if (to.staff.length) toConsole().to(to.staff).emit('message:status', status)
  if (to.members.length) toMembers().to(to.members).emit('message:status', status)
}

export function publishTyping(participants: ConversationParticipant[], who: { type: ParticipantType; id: number }, conversationId: number) {
  const to = roomsOf(participants, who)
  const payload = { conversation_id: conversationId, sender_type: who.type, sender_id: who.id }
  if (to.staff.length) toConsole().to(to.staff).emit('typing', payload)
  if (to.members.length) toMembers().to(to.members).emit('typing', payload)
}

/** To staff only: members learn of a transfer or takeover from its system message. */
export function publishConversationUpdated(staffIds: number[], payload: ConversationUpdatedPayload) {
  const to = [...new Set(staffIds)].map((id) => rooms.staff(id))
  if (to.length) toConsole().to(to).emit('conversation:updated', payload)
}
