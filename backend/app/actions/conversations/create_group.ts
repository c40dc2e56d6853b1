import db from '@adonisjs/lucid/services/db'
import Conversation from '#models/conversation'
import type ConversationParticipant from '#models/conversation_participant'
import type Staff from '#models/staff'
import { ConversationChannel, ConversationKind, MessageType, ParticipantType, SenderType } from '#enums/conversation'
import { MemberStatus } from '#enums/loyalty'
import { StaffRole, StaffStatus } from '#enums/staff'
import { UnprocessableException } from '#exceptions/api_exceptions'
import { appendMessage, join, publishConversationUpdated, publishNewMessage } from '#services/messenger'
import { audit, type Actor } from '#services/audit'
import { transaction } from '#services/transactions'

/**
 * A web community group, created by HQ: the creator, the listed members and, for a store's
 * group, that store's guides and manager take part. Staff post, members read and reply. A
 * system message opens it, so every member's chat page hears of it at once.
 */
export default class CreateGroup {
  async handle(input: { title: string; store_id?: number; member_ids: number[] }, staff: Staff, by: Actor) {
    const done = await transaction(async (trx) => {
      if (input.store_id && !(await trx.from('stores').where('id', input.store_id).first())) {
        throw new UnprocessableException('Unknown store', 'store_id', 'exists')
      }
      const members = await this.#activeMembers(input.member_ids)
      const conversation = await Conversation.create(
        {
          kind: ConversationKind.Group,
          channel: ConversationChannel.Web,
          title: input.title,
          storeId: input.store_id ?? null,
          ownerStaffId: staff.id,
          createdBy: staff.id,
          lastSeq: 0,
        },
        { client: trx }
      )
      const participants: ConversationParticipant[] = []
      const storeStaff = input.store_id
        ? await trx
            .from('staff')
            .where('store_id', input.store_id)
            .where('status', StaffStatus.Active)
            .whereIn('role', [StaffRole.Guide, StaffRole.StoreManager])
            .select('id')
        : []
      for (const id of new Set([staff.id, ...storeStaff.map((row) => row.id as number)])) {
        await join(trx, conversation, participants, { type: ParticipantType.Staff, id })
      }
      for (const id of members) await join(trx, conversation, participants, { type: ParticipantType.Member, id })
      const message = await appendMessage(trx, conversation, participants, {
        senderType: SenderType.System,
        senderId: null,
        type: MessageType.System,
        body: { event: 'group_created', text: `${staff.name} 创建了群聊「${input.title}」`, title: input.title },
      })
      await audit(by, 'conversation.group.create', { type: 'conversation', id: conversation.id }, { title: { to: input.title }, members: { to: members.length } }, trx)
      return { conversation, participants, message }
    })
    publishNewMessage(done.participants, done.message, null, done.conversation.storeId)
    publishConversationUpdated(
      done.participants.filter((p) => p.participantType === ParticipantType.Staff).map((p) => p.participantId),
      { conversation_id: done.conversation.id, reason: 'created', owner_staff_id: staff.id, taken_over_by: null }
    )
    return done.conversation
  }

  async #activeMembers(ids: number[]) {
    if (ids.length === 0) return []
    const rows = await db.from('members').whereIn('id', ids).where('status', MemberStatus.Active).select('id')
    const found = new Set(rows.map((row) => row.id as number))
    const missing = ids.filter((id) => !found.has(id))
    if (missing.length) throw new UnprocessableException(`Unknown or inactive members: ${missing.join(', ')}`, 'member_ids', 'exists')
    return ids
  }
}
