import Conversation from '#models/conversation'
import type Staff from '#models/staff'
import { ConversationKind, MessageType, ParticipantType, SenderType } from '#enums/conversation'
import { UnprocessableException } from '#exceptions/api_exceptions'
import { participantsOf, visibleConversation } from '#queries/conversations/conversation_queries'
import { appendMessage, join, publishConversationUpdated, publishNewMessage } from '#services/messenger'
import { audit, type Actor } from '#services/audit'
import { chatter } from '#services/chatter'
import { transaction } from '#services/transactions'

/**
 * A store manager (their store's chats) or HQ takes a direct conversation over: they join it and
 * answer in it; the guide stays in and sees it. Releasing ends the takeover (the manager stays a
 * participant until the chat changes hands). Both leave a system message in the chat.
 */
export default class TakeOverConversation {
  async handle(conversationId: number, staff: Staff, by: Actor, takeOver: boolean) {
    const done = await transaction(async (trx) => {
      await visibleConversation(chatter.staff(staff), conversationId, trx)
      const conversation = await Conversation.query({ client: trx }).where('id', conversationId).forUpdate().firstOrFail()
      if (conversation.kind !== ConversationKind.Direct) {
        throw new UnprocessableException('Only a chat with one member is taken over', 'conversation_id', 'invalid')
      }
      const target = takeOver ? staff.id : null
      if (conversation.takenOverBy === target) return null
      const participants = await participantsOf(conversation.id, trx)
      if (takeOver) await join(trx, conversation, participants, { type: ParticipantType.Staff, id: staff.id })
      const before = conversation.takenOverBy
      conversation.takenOverBy = target
      const message = await appendMessage(trx, conversation, participants, {
        senderType: SenderType.System,
        senderId: null,
        type: MessageType.System,
        body: takeOver
          ? { event: 'takeover', text: `${staff.name} 加入了会话`, staff_id: staff.id, staff_name: staff.name }
          : { event: 'release', text: `${staff.name} 结束了接管`, staff_id: staff.id, staff_name: staff.name },
      })
      await audit(by, takeOver ? 'conversation.takeover' : 'conversation.release', { type: 'conversation', id: conversation.id }, { taken_over_by: { from: before, to: target } }, trx)
      return { conversation, participants, message }
    })
    if (!done) return
    publishNewMessage(done.participants, done.message, null, done.conversation.storeId)
    publishConversationUpdated(
      done.participants.filter((p) => p.participantType === ParticipantType.Staff && !p.leftAt).map((p) => p.participantId),
      {
        conversation_id: done.conversation.id,
        reason: takeOver ? 'takeover' : 'release',
        owner_staff_id: done.conversation.ownerStaffId,
        taken_over_by: done.conversation.takenOverBy,
      }
    )
  }
}
