import type Staff from '#models/staff'
import Member from '#models/member'
import { NotFoundException } from '#exceptions/api_exceptions'
import { maskPhone } from '#services/member_registry'
import { DataScope } from '#policies/data_scope'
import { conversationList, listRow, participantsOf } from '#queries/conversations/conversation_queries'
import { namesOf, presentConversation, presentParticipant } from '#queries/conversations/presenters'

/**
 * One conversation as the inbox opens it: the list row, its participants with their marks,
 * and the member in brief (the portrait has its own endpoint).
 */
export async function conversationDetail(staff: Staff, id: number) {
  const conversation = await conversationList(staff, {}).where('conversations.id', id).first()
  if (!conversation) throw new NotFoundException('Conversation not found')
  const participants = await participantsOf(conversation.id)
  const name = await namesOf(participants.map((p) => ({ type: p.participantType, id: p.participantId })))
  const member = conversation.memberId ? await Member.query().where('id', conversation.memberId).preload('tier').first() : null
  const fullPhone = DataScope.of(staff).seesFullPhones
  return {
    ...presentConversation(listRow(conversation)),
    member: member
      ? {
          id: member.id,
          member_no: member.memberNo,
          name: member.name,
          phone: fullPhone ? member.phone : maskPhone(member.phone),
          phone_masked: maskPhone(member.phone),
          tier: member.tier?.code ?? null,
          tier_name: member.tier?.name ?? null,
          points_balance: member.pointsBalance,
        }
      : null,
    participants: participants.map((p) => presentParticipant(p, name({ type: p.participantType, id: p.participantId }))),
  }
}
