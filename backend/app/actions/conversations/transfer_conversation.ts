import Conversation from '#models/conversation'
import Staff from '#models/staff'
import { ConversationChannel, ConversationKind } from '#enums/conversation'
import { StaffRole, StaffStatus } from '#enums/staff'
import { ForbiddenException, UnprocessableException } from '#exceptions/api_exceptions'
import { visibleConversation } from '#queries/conversations/conversation_queries'
import SetOwner from '#actions/members/set_owner'
import { handOver } from '#services/direct_conversations'
import { audit, type Actor } from '#services/audit'
import { chatter } from '#services/chatter'
import { transaction } from '#services/transactions'

/**
 * Hands a direct conversation to another guide. A member's web chat always belongs to their
 * owning guide, so transferring it changes the member's owner (the same rules and audit as
 * PUT /members/:id/owner) and the chat follows; a WeCom chat changes hands on its own.
 */
export default class TransferConversation {
  async handle(conversationId: number, staffId: number, actorStaff: Staff, by: Actor) {
    const conversation = await visibleConversation(chatter.staff(actorStaff), conversationId)
    if (conversation.kind !== ConversationKind.Direct || !conversation.memberId) {
      throw new UnprocessableException('Only a chat with one member is transferred', 'conversation_id', 'invalid')
    }
    if (conversation.channel === ConversationChannel.Web) {
      await new SetOwner().handle(conversation.memberId, staffId, actorStaff, by)
      return
    }
    await transaction(async (trx) => {
      const locked = await Conversation.query({ client: trx }).where('id', conversationId).forUpdate().firstOrFail()
      const guide = await Staff.query({ client: trx }).where('id', staffId).first()
      if (!guide || guide.status !== StaffStatus.Active || ![StaffRole.Guide, StaffRole.StoreManager].includes(guide.role)) {
        throw new UnprocessableException('Unknown or inactive guide', 'staff_id', 'exists')
      }
      if (!actorStaff.isHq && guide.storeId !== actorStaff.storeId) {
        throw new ForbiddenException('You may only hand chats to guides of your own store')
      }
      if (locked.ownerStaffId === guide.id) return
      const before = locked.ownerStaffId
      await handOver(trx, locked, guide)
      await audit(by, 'conversation.transfer', { type: 'conversation', id: locked.id }, { owner_staff_id: { from: before, to: guide.id } }, trx)
    })
  }
}
