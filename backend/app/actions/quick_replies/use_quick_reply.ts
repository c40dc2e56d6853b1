import db from '@adonisjs/lucid/services/db'
import type QuickReply from '#models/quick_reply'
import type Staff from '#models/staff'
import Member from '#models/member'
import Tier from '#models/tier'
import { visibleMember } from '#queries/members/member_queries'
import { visibleConversation } from '#queries/conversations/conversation_queries'
import { chatter } from '#services/chatter'

/** The variables a quick reply may use; an unknown one stays as written. */
const VARIABLE = /\{\{\s*(member\.name|member\.tier|guide\.name|store\.name)\s*\}\}/g

/**
 * Fills a quick reply for a member (by id, or the member of a conversation) and counts the use,
 * so the most used come first. Variables of a missing member fill in empty.
 */
export default class UseQuickReply {
  async handle(reply: QuickReply, staff: Staff, target: { member_id?: number; conversation_id?: number }) {
    let member: Member | null = null
    if (target.member_id) member = await visibleMember(staff, target.member_id)
    else if (target.conversation_id) {
      const conversation = await visibleConversation(chatter.staff(staff), target.conversation_id)
      member = conversation.memberId ? await Member.find(conversation.memberId) : null
    }
    const tier = member ? await Tier.find(member.tierId) : null
    const store = staff.storeId ? await db.from('stores').where('id', staff.storeId).select('name').first() : null
    const values: Record<string, string> = {
      'member.name': member?.name ?? '',
      'member.tier': tier?.name ?? '',
      'guide.name': staff.name,
      'store.name': store?.name ?? '',
    }
    await db.from('quick_replies').where('id', reply.id).increment('use_count', 1)
    return { text: reply.content.replace(VARIABLE, (_, name: string) => values[name]) }
  }
}
