import Conversation from '#models/conversation'
import CouponTemplate from '#models/coupon_template'
import Member from '#models/member'
import Message from '#models/message'
import type Staff from '#models/staff'
import { ConversationKind, MessageType, SenderType } from '#enums/conversation'
import { CouponSource, MemberStatus } from '#enums/loyalty'
import { ConflictException, UnprocessableException } from '#exceptions/api_exceptions'
import { participantsOf, visibleConversation } from '#queries/conversations/conversation_queries'
import { presentMessage } from '#queries/conversations/presenters'
import { issueCoupon } from '#services/coupon_issuer'
import { appendMessage, ensureWriter, publishMessage } from '#services/messenger'
import { audit, type Actor } from '#services/audit'
import { chatter } from '#services/chatter'
import { isDuplicateKey, transaction } from '#services/transactions'
import type { MessagePayload } from '#realtime/events'

const REFUSALS: Record<string, string> = {
  out_of_stock: 'This coupon is out of stock',
  member_limit: 'This member already holds as many of this coupon as allowed',
  template_archived: 'This coupon template is archived',
  template_expired: 'This coupon template has expired',
}

/**
 * "Send coupon" in a chat: issues a coupon of the template to the conversation's member and
 * posts its card, in one transaction (both or neither). Idempotent by `client_msg_id`: a retry
 * issues nothing more and answers the card already sent.
 */
export default class SendCoupon {
  async handle(conversationId: number, templateId: number, clientMsgId: string, staff: Staff, by: Actor) {
    const who = chatter.staff(staff)
    const stored = await this.#stored(staff.id, clientMsgId)
    if (stored) return { message: presentMessage(stored, staff.name), duplicate: true }

    try {
      const result = await transaction(async (trx) => {
        await visibleConversation(who, conversationId, trx)
        const conversation = await Conversation.query({ client: trx }).where('id', conversationId).forUpdate().firstOrFail()
        const again = await Message.query({ client: trx })
          .where({ sender_type: SenderType.Staff, sender_id: staff.id, client_msg_id: clientMsgId })
          .first()
        if (again) return { message: again, participants: null, storeId: conversation.storeId }
        if (conversation.kind !== ConversationKind.Direct || !conversation.memberId) {
          throw new UnprocessableException('Coupons are sent in a chat with one member', 'conversation_id', 'invalid')
        }
        const participants = await participantsOf(conversation.id, trx)
        await ensureWriter(trx, who, conversation, participants)

        const member = await Member.query({ client: trx }).where('id', conversation.memberId).firstOrFail()
        if (member.status !== MemberStatus.Active) throw new ConflictException('This member is no longer active', 'member_inactive')
        const template = await CouponTemplate.query({ client: trx }).where('id', templateId).forUpdate().first()
        if (!template) throw new UnprocessableException('Unknown coupon template', 'template_id', 'exists')
        const coupon = await issueCoupon(trx, template, member.id, {
          source: CouponSource.Chat,
          sourceRef: `conversation:${conversation.id}`,
          staffId: staff.id,
        })
        if (typeof coupon === 'string') throw new ConflictException(REFUSALS[coupon] ?? 'This coupon cannot be issued', coupon, 'template_id')

        const message = await appendMessage(trx, conversation, participants, {
          senderType: SenderType.Staff,
          senderId: staff.id,
          clientMsgId,
          type: MessageType.Coupon,
          body: {
            code: coupon.code,
            name: template.name,
            kind: template.kind,
            value: Number(template.value).toFixed(2),
            min_spend: Number(template.minSpend).toFixed(2),
            valid_until: coupon.expiresAt?.toUTC().toISO() ?? null,
          },
        })
        await audit(
          by,
          'conversation.coupon',
          { type: 'conversation', id: conversation.id },
          { template_id: { to: template.id }, coupon: { to: coupon.code }, member_id: { to: member.id } },
          trx
        )
        return { message, participants, storeId: conversation.storeId }
      })
      const payload: MessagePayload = presentMessage(result.message, staff.name)
      if (!result.participants) return { message: payload, duplicate: true }
      publishMessage(result.participants, payload, result.storeId)
      return { message: payload, duplicate: false }
    } catch (error) {
      if (!isDuplicateKey(error)) throw error
      const winner = await this.#stored(staff.id, clientMsgId)
      if (!winner) throw error
      return { message: presentMessage(winner, staff.name), duplicate: true }
    }
  }

  #stored(staffId: number, clientMsgId: string) {
    return Message.query().where({ sender_type: SenderType.Staff, sender_id: staffId, client_msg_id: clientMsgId }).first()
  }
}
