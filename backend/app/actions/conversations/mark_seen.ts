import db from '@adonisjs/lucid/services/db'
import { visibleConversation, activeParticipant, participantsOf } from '#queries/conversations/conversation_queries'
import { publishStatus } from '#services/messenger'
import type { Chatter } from '#services/chatter'
import type { SeenAnswer } from '#realtime/events'

export type Seen = 'delivered' | 'read'

/**
 * Moves the chatter's delivered (or read, which implies delivered) mark up to `seq`, never back
 * and never past the last message, and tells the other participants (`message:status`). Staff
 * who only look on (a store manager, HQ) have no marks: the answer is zeros and nothing moves.
 */
export default class MarkSeen {
  async handle(who: Chatter, conversationId: number, seq: number, seen: Seen): Promise<SeenAnswer> {
    const conversation = await visibleConversation(who, conversationId)
    const participants = await participantsOf(conversation.id)
    const mine = activeParticipant(participants, who)
    if (!mine) return { conversation_id: conversation.id, delivered_seq: 0, read_seq: 0 }

    const upTo = Math.min(seq, conversation.lastSeq)
    const delivered = Math.max(mine.lastDeliveredSeq, upTo)
    const read = seen === 'read' ? Math.max(mine.lastReadSeq, upTo) : mine.lastReadSeq
    if (delivered !== mine.lastDeliveredSeq || read !== mine.lastReadSeq) {
      // GREATEST keeps a late, lower mark from a second tab from moving it back.
      await db.rawQuery(
        `UPDATE conversation_participants
            SET last_delivered_seq = GREATEST(last_delivered_seq, ?), last_read_seq = GREATEST(last_read_seq, ?)
          WHERE id = ?`,
        [delivered, read, mine.id]
      )
      publishStatus(participants, {
        conversation_id: conversation.id,
        participant_type: who.type,
        participant_id: who.id,
        delivered_seq: delivered,
        read_seq: read,
      })
    }
    return { conversation_id: conversation.id, delivered_seq: delivered, read_seq: read }
  }
}
