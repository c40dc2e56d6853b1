import db from '@adonisjs/lucid/services/db'
import Conversation from '#models/conversation'
import { ConversationKind, MessageType, ParticipantType, SenderType } from '#enums/conversation'
import { MemberStatus } from '#enums/loyalty'
import { UnprocessableException } from '#exceptions/api_exceptions'
import { participantsOf } from '#queries/conversations/conversation_queries'
import { appendMessage, join, publishNewMessage } from '#services/messenger'
import { audit, type Actor } from '#services/audit'
import { transaction } from '#services/transactions'

/**
 * Adds members to a community group (HQ). Members already in it are left as they are; a system
 * message names the newcomers, which is also how their chat pages hear of the group.
 */
export default class AddGroupMembers {
  async handle(groupId: number, memberIds: number[], by: Actor) {
    const done = await transaction(async (trx) => {
      const group = await Conversation.query({ client: trx }).where('id', groupId).where('kind', ConversationKind.Group).forUpdate().firstOrFail()
      const rows = await db.from('members').whereIn('id', memberIds).where('status', MemberStatus.Active).select('id', 'name')
      const missing = memberIds.filter((id) => !rows.some((row) => row.id === id))
      if (missing.length) throw new UnprocessableException(`Unknown or inactive members: ${missing.join(', ')}`, 'member_ids', 'exists')
      const participants = await participantsOf(group.id, trx)
      const newcomers = rows.filter(
        (row) => !participants.some((p) => p.participantType === ParticipantType.Member && p.participantId === row.id && !p.leftAt)
      )
      if (newcomers.length === 0) return null
      for (const row of newcomers) await join(trx, group, participants, { type: ParticipantType.Member, id: row.id })
      const message = await appendMessage(trx, group, participants, {
        senderType: SenderType.System,
        senderId: null,
        type: MessageType.System,
        body: {
          event: 'members_added',
          text: `${newcomers.map((row) => row.name ?? '会员').join('、')} 加入了群聊`,
          member_ids: newcomers.map((row) => row.id),
        },
      })
      await audit(by, 'conversation.group.members', { type: 'conversation', id: group.id }, { added: { to: newcomers.map((row) => row.id) } }, trx)
      return { participants, message, added: newcomers.length, storeId: group.storeId }
    })
    if (done) publishNewMessage(done.participants, done.message, null, done.storeId)
    return { added: done?.added ?? 0 }
  }
}
