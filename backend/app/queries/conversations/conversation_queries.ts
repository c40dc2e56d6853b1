import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Member from '#models/member'
import type Staff from '#models/staff'
import type Tier from '#models/tier'
import Conversation from '#models/conversation'
import ConversationParticipant from '#models/conversation_participant'
import Message from '#models/message'
import { DataScope } from '#policies/data_scope'
import { ConversationFilter, ParticipantType } from '#enums/conversation'
import { normalisePhone } from '#services/member_registry'
import { containing, startingWith } from '#queries/like'
import { NotFoundException } from '#exceptions/api_exceptions'
import type { Chatter } from '#services/chatter'

/**
 * The conversations a chatter may see: staff by their DataScope; a member only those they
 * take part in.
 */
export function scopedConversations(who: Chatter, client?: QueryClientContract) {
  const query = Conversation.query({ client })
  if (who.type === ParticipantType.Staff) return DataScope.of(who.staff).conversations(query)
  return query.whereIn('conversations.id', (sub) =>
    sub
      .from('conversation_participants')
      .select('conversation_id')
      .where('participant_type', ParticipantType.Member)
      .where('participant_id', who.id)
      .whereNull('left_at')
  )
}

/** One conversation the chatter may see, or a 404 (absent and out of scope answer alike). */
export async function visibleConversation(who: Chatter, id: number, client?: QueryClientContract) {
  const conversation = await scopedConversations(who, client).where('conversations.id', id).first()
  if (!conversation) throw new NotFoundException('Conversation not found')
  return conversation
}

/**
 * The conversation locked for writing (FOR UPDATE), with its participants, in one read: the
 * lock covers their rows too (a writer updates the sender's marks). Null when there is none.
 */
export async function lockedConversation(trx: TransactionClientContract, id: number) {
  const rows: { c: Record<string, unknown>; p: Record<string, unknown> }[] = await trx
    .knexQuery()
    .from('conversations as c')
    .leftJoin('conversation_participants as p', 'p.conversation_id', 'c.id')
    .where('c.id', id)
    .orderBy('p.id')
    .forUpdate()
    .select('c.*', 'p.*')
    .options({ nestTables: true })
  if (!rows.length) return null
  const conversation = Conversation.$createFromAdapterResult(rows[0].c, {}, { client: trx })!
  const participants = ConversationParticipant.$createMultipleFromAdapterResult(
    rows.filter((row) => row.p.id !== null).map((row) => row.p),
    {},
    { client: trx }
  )
  return { conversation, participants }
}

export function participantsOf(conversationId: number, client?: QueryClientContract) {
  return ConversationParticipant.query({ client }).where('conversation_id', conversationId).orderBy('id')
}

export function activeParticipant(participants: ConversationParticipant[], who: { type: ParticipantType; id: number }) {
  return participants.find((p) => p.participantType === who.type && p.participantId === who.id && !p.leftAt)
}

export const DEFAULT_PAGE = 50
export const MAX_PAGE = 200

/**
 * A page of messages in ascending seq: after `after_seq` (exclusive, catch-up), before
 * `before_seq` (exclusive, scrolling back), or the latest. `has_more` says whether another page
 * lies further in the same direction.
 */
export async function messagePage(conversationId: number, params: { after_seq?: number; before_seq?: number; limit?: number }) {
  const limit = Math.min(params.limit ?? DEFAULT_PAGE, MAX_PAGE)
  const query = Message.query().where('conversation_id', conversationId).limit(limit + 1)
  if (params.after_seq !== undefined) {
    const rows = await query.where('seq', '>', params.after_seq).orderBy('seq', 'asc')
    return { messages: rows.slice(0, limit), has_more: rows.length > limit }
  }
  if (params.before_seq !== undefined) query.where('seq', '<', params.before_seq)
  const rows = await query.orderBy('seq', 'desc')
  return { messages: rows.slice(0, limit).reverse(), has_more: rows.length > limit }
}

export type ConversationFilters = {
  filter?: ConversationFilter
  waiting_minutes?: number
  q?: string
  kind?: 'direct' | 'group'
  page?: number
  per_page?: number
}

/**
 * The inbox: conversations the staff member may see, most recent first, each with the caller's
 * unread count (messages after their read mark; none for conversations they only look on).
 * `q` finds a member by phone, member number or name, or a group by title.
 */
export function conversationList(staff: Staff, filters: ConversationFilters) {
  const unread = `CASE WHEN mine.id IS NULL OR mine.left_at IS NOT NULL THEN 0
    ELSE CAST(conversations.last_seq AS SIGNED) - CAST(mine.last_read_seq AS SIGNED) END`
  const query = DataScope.of(staff)
    .conversations(Conversation.query())
    .leftJoin('conversation_participants as mine', (join) =>
      join
        .on('mine.conversation_id', '=', 'conversations.id')
        .andOnVal('mine.participant_type', '=', ParticipantType.Staff)
        .andOnVal('mine.participant_id', '=', staff.id)
    )
    .select('conversations.*', db.raw(`${unread} AS unread`))
    .preload('member', (member) => member.preload('tier'))
    .preload('owner')
    .orderBy('conversations.last_message_at', 'desc')
    .orderBy('conversations.id', 'desc')

  if (filters.kind) query.where('conversations.kind', filters.kind)
  if (filters.filter === ConversationFilter.Unread) {
    query.whereNull('mine.left_at').whereNotNull('mine.id').whereRaw('conversations.last_seq > mine.last_read_seq')
  }
  if (filters.filter === ConversationFilter.Waiting) {
    query.whereNotNull('conversations.first_response_pending_since')
    if (filters.waiting_minutes) {
      query.where('conversations.first_response_pending_since', '<=', DateTime.utc().minus({ minutes: filters.waiting_minutes }).toJSDate())
    }
  }
  const q = filters.q?.trim()
  if (q) {
    const phone = normalisePhone(q)
    query.where((match) => {
      match.where('conversations.title', 'like', containing(q))
      if (phone) {
        match.orWhereIn('conversations.member_id', db.from('members').select('id').where('phone', phone))
      } else if (/^M\w{6,}$/i.test(q)) {
        match.orWhereIn('conversations.member_id', db.from('members').select('id').where('member_no', q.toUpperCase()))
      } else {
        match.orWhereIn('conversations.member_id', db.from('members').select('id').where('name', 'like', startingWith(q)))
      }
    })
  }
  return query
}

/** A row of the inbox for the presenter. */
export function listRow(conversation: Conversation) {
  const member = conversation.$preloaded.member as Member | null | undefined
  const owner = conversation.$preloaded.owner as Staff | null | undefined
  const tier = member?.$preloaded.tier as Tier | undefined
  return {
    conversation,
    unread: Math.max(0, Number(conversation.$extras.unread ?? 0)),
    member: member ? { id: member.id, name: member.name, tier: tier?.code ?? null } : null,
    owner: owner ? { id: owner.id, name: owner.name } : null,
  }
}
