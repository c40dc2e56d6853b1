import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Conversation from '#models/conversation'
import type ConversationParticipant from '#models/conversation_participant'
import Staff from '#models/staff'
import type Member from '#models/member'
import { ConversationChannel, ConversationKind, MessageType, ParticipantType, SenderType } from '#enums/conversation'
import { participantsOf } from '#queries/conversations/conversation_queries'
import { appendMessage, join, publishConversationUpdated, publishNewMessage } from '#services/messenger'
import { isDuplicateKey } from '#services/transactions'

export const webDirectKey = (memberId: number) => `web:${memberId}`

/**
 * The member's one web conversation with their owning guide, created on first need (a chat
 * link). Two concurrent first calls create it once: the loser of the unique key takes the
 * winner's. The row comes back locked; the owner is brought in line with the member's.
 */
export async function ensureWebConversation(trx: TransactionClientContract, member: Member, owner: Staff) {
  const find = () =>
    Conversation.query({ client: trx }).where('direct_key', webDirectKey(member.id)).forUpdate().first()
  let conversation = await find()
  if (!conversation) {
    try {
      conversation = await Conversation.create(
        {
          kind: ConversationKind.Direct,
          channel: ConversationChannel.Web,
          memberId: member.id,
          ownerStaffId: owner.id,
          storeId: owner.storeId,
          directKey: webDirectKey(member.id),
          lastSeq: 0,
        },
        { client: trx }
      )
      const participants: ConversationParticipant[] = []
      await join(trx, conversation, participants, { type: ParticipantType.Staff, id: owner.id })
      await join(trx, conversation, participants, { type: ParticipantType.Member, id: member.id })
      const created = conversation
      trx.after('commit', () =>
        publishConversationUpdated([owner.id], {
          conversation_id: created.id,
          reason: 'created',
          owner_staff_id: owner.id,
          taken_over_by: null,
        })
      )
      return conversation
    } catch (error) {
      if (!isDuplicateKey(error)) throw error
      conversation = await find()
      if (!conversation) throw error
    }
  }
  if (conversation.ownerStaffId !== owner.id) await handOver(trx, conversation, owner)
  return conversation
}

/**
 * The member's owning guide changed (PUT /members/:id/owner, a WeCom handover): their web
 * conversation follows, in the caller's transaction.
 */
export async function followMemberOwner(trx: TransactionClientContract, memberId: number, ownerId: number) {
  const conversation = await Conversation.query({ client: trx }).where('direct_key', webDirectKey(memberId)).forUpdate().first()
  if (!conversation || conversation.ownerStaffId === ownerId) return
  const owner = await Staff.query({ client: trx }).where('id', ownerId).firstOrFail()
  await handOver(trx, conversation, owner)
}

/**
 * Gives a locked direct conversation to a new owner: the staff who were in it leave (they no
 * longer see it), the new owner joins, a takeover ends, and a system message says so. Sockets
 * hear of it once the transaction commits.
 */
export async function handOver(trx: TransactionClientContract, conversation: Conversation, owner: Staff) {
  const previous = conversation.ownerStaffId
  const participants = await participantsOf(conversation.id, trx)
  const leaving = participants.filter((p) => p.participantType === ParticipantType.Staff && p.participantId !== owner.id && !p.leftAt)
  for (const p of leaving) {
    p.leftAt = DateTime.utc()
    await p.useTransaction(trx).save()
  }
  await join(trx, conversation, participants, { type: ParticipantType.Staff, id: owner.id })
  conversation.merge({ ownerStaffId: owner.id, storeId: owner.storeId, takenOverBy: null })
  const message = await appendMessage(trx, conversation, participants, {
    senderType: SenderType.System,
    senderId: null,
    type: MessageType.System,
    body: { event: 'transfer', text: `${owner.name} 将为您服务`, from_staff_id: previous, to_staff_id: owner.id, to_staff_name: owner.name },
  })
  trx.after('commit', () => {
    publishNewMessage(participants, message, null, conversation.storeId)
    publishConversationUpdated([...leaving.map((p) => p.participantId), owner.id], {
      conversation_id: conversation.id,
      reason: 'transfer',
      owner_staff_id: owner.id,
      taken_over_by: null,
    })
  })
}
