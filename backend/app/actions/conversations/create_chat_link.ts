import { DateTime } from 'luxon'
import Member from '#models/member'
import MemberChatTicket from '#models/member_chat_ticket'
import Staff from '#models/staff'
import { MemberStatus } from '#enums/loyalty'
import { StaffStatus } from '#enums/staff'
import { TICKET_DAYS } from '#enums/conversation'
import { ConflictException } from '#exceptions/api_exceptions'
import { DataScope } from '#policies/data_scope'
import { ensureWebConversation } from '#services/direct_conversations'
import { hashSecret, randomSecret, TICKET_PREFIX } from '#services/member_tokens'
import { audit, type Actor } from '#services/audit'
import { transaction } from '#services/transactions'
import { appUrl } from '#config/app'

/**
 * A one-time link that opens the member's chat with their owning guide (CONTRACTS section 6):
 * the member's web conversation is created if needed, and a ticket valid for 7 days that the
 * chat page exchanges for a member token. Only the ticket's hash is kept.
 */
export default class CreateChatLink {
  async handle(memberId: number, staff: Staff, by: Actor) {
    return transaction(async (trx) => {
      const member = await DataScope.of(staff)
        .members(Member.query({ client: trx }))
        .where('members.id', memberId)
        .where('members.status', MemberStatus.Active)
        .forUpdate()
        .firstOrFail()
      const owner = member.ownerStaffId ? await Staff.query({ client: trx }).where('id', member.ownerStaffId).first() : null
      if (!owner || owner.status !== StaffStatus.Active) {
        throw new ConflictException('This member has no owning guide: assign one first', 'no_owner')
      }
      const conversation = await ensureWebConversation(trx, member, owner)

      const ticket = randomSecret(TICKET_PREFIX)
      const expiresAt = DateTime.utc().plus({ days: TICKET_DAYS })
      await MemberChatTicket.create(
        { tokenHash: hashSecret(ticket), memberId: member.id, conversationId: conversation.id, createdBy: staff.id, expiresAt },
        { client: trx }
      )
      await audit(by, 'member.chat_link', { type: 'member', id: member.id }, { conversation_id: { to: conversation.id } }, trx)
      return {
        url: `${appUrl.replace(/\/$/, '')}/m/chat?ticket=${encodeURIComponent(ticket)}`,
        ticket,
        expires_at: expiresAt.toISO()!,
        conversation_id: conversation.id,
      }
    })
  }
}
