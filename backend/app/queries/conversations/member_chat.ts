import db from '@adonisjs/lucid/services/db'
import Conversation from '#models/conversation'
import Store from '#models/store'
import Staff from '#models/staff'
import Tier from '#models/tier'
import type Member from '#models/member'
import { ParticipantType } from '#enums/conversation'
import { presentChatMember } from '#actions/conversations/start_member_session'
import { webDirectKey } from '#services/direct_conversations'

/**
 * What the member chat page shows at the top: the member (tier, points) and their chat with
 * their guide (the guide's name and store).
 */
export async function memberHome(member: Member) {
  const tier = await Tier.findOrFail(member.tierId)
  const conversation = await Conversation.query().where('direct_key', webDirectKey(member.id)).first()
  const guide = conversation?.ownerStaffId ? await Staff.find(conversation.ownerStaffId) : null
  const store = guide?.storeId ? await Store.find(guide.storeId) : null
  return {
    member: presentChatMember(member, tier),
    conversation: conversation
      ? {
          id: conversation.id,
          last_seq: conversation.lastSeq,
          guide: guide ? { id: guide.id, name: guide.name, store: store ? { id: store.id, name: store.name } : null } : null,
        }
      : null,
  }
}

/** The member's conversations (their guide chat and their groups), most recent first, with unread counts. */
export async function memberConversations(memberId: number) {
  const rows = await db
    .from('conversations')
    .join('conversation_participants as mine', (join) =>
      join
        .on('mine.conversation_id', '=', 'conversations.id')
        .andOnVal('mine.participant_type', '=', ParticipantType.Member)
        .andOnVal('mine.participant_id', '=', memberId)
    )
    .whereNull('mine.left_at')
    .leftJoin('staff as owner', 'owner.id', 'conversations.owner_staff_id')
    .select(
      'conversations.id',
      'conversations.kind',
      'conversations.title',
      'conversations.last_seq',
      'conversations.last_message_at',
      'conversations.last_message_preview',
      'mine.last_read_seq',
      'owner.id as owner_id',
      'owner.name as owner_name'
    )
    .orderBy('conversations.last_message_at', 'desc')
    .orderBy('conversations.id', 'desc')
    .limit(100)
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    title: row.title,
    guide: row.owner_id ? { id: row.owner_id, name: row.owner_name } : null,
    last_seq: row.last_seq,
    last_message_at: row.last_message_at ? new Date(row.last_message_at).toISOString() : null,
    last_message_preview: row.last_message_preview,
    unread: Math.max(0, row.last_seq - row.last_read_seq),
  }))
}
