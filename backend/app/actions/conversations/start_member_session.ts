import { DateTime } from 'luxon'
import Member from '#models/member'
import MemberChatTicket from '#models/member_chat_ticket'
import Tier from '#models/tier'
import { MemberStatus } from '#enums/loyalty'
import { UnauthorizedException } from '#exceptions/api_exceptions'
import { hashSecret, issueMemberToken } from '#services/member_tokens'
import { transaction } from '#services/transactions'

/**
 * Exchanges a chat-link ticket for a member token, once: a used, expired or unknown ticket is a
 * 401. The ticket is spent by a conditional update, so two concurrent exchanges yield one token.
 */
export default class StartMemberSession {
  async handle(ticket: string) {
    return transaction(async (trx) => {
      const row = await MemberChatTicket.query({ client: trx }).where('token_hash', hashSecret(ticket)).forUpdate().first()
      if (!row) throw new UnauthorizedException('This chat link is not valid', 'ticket_invalid')
      if (row.usedAt) throw new UnauthorizedException('This chat link was already used: ask your guide for a new one', 'ticket_used')
      if (row.expiresAt <= DateTime.utc()) throw new UnauthorizedException('This chat link has expired: ask your guide for a new one', 'ticket_expired')
      const member = await Member.query({ client: trx }).where('id', row.memberId).first()
      if (!member || member.status !== MemberStatus.Active) throw new UnauthorizedException('This chat link is not valid', 'ticket_invalid')

      const spent = await trx.from('member_chat_tickets').where('id', row.id).whereNull('used_at').update({ used_at: new Date() })
      if (Number(spent) !== 1) throw new UnauthorizedException('This chat link was already used', 'ticket_used')
      const { token, expiresAt } = await issueMemberToken(trx, member.id, row.id)
      const tier = await Tier.query({ client: trx }).where('id', member.tierId).firstOrFail()
      return {
        token,
        expires_at: expiresAt.toISO()!,
        conversation_id: row.conversationId,
        member: presentChatMember(member, tier),
      }
    })
  }
}

/** The member as their own chat page shows them. */
export function presentChatMember(member: Member, tier: Tier) {
  return {
    id: member.id,
    name: member.name,
    tier: { code: tier.code, name: tier.name },
    points_balance: member.pointsBalance,
    points: member.pointsBalance,
  }
}
