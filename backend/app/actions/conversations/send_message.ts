import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import Message from '#models/message'
import Product from '#models/product'
import {
  MEMBER_SENDABLE,
  MessageType,
  ParticipantType,
  STAFF_SENDABLE,
  SenderType,
} from '#enums/conversation'
import { NotFoundException, UnprocessableException } from '#exceptions/api_exceptions'
import { messageBodyValidators } from '#validators/conversation'
import { activeParticipant, lockedConversation, visibleConversation } from '#queries/conversations/conversation_queries'
import { presentMessage } from '#queries/conversations/presenters'
import { appendMessage, ensureWriter, publishMessage } from '#services/messenger'
import { isDuplicateKey, transaction } from '#services/transactions'
import type { Chatter } from '#services/chatter'
import type { MessagePayload } from '#realtime/events'

export type SendMessageInput = {
  conversation_id: number
  client_msg_id: string
  type: MessageType
  body: Record<string, unknown>
}

/**
 * Sends a message as a staff member or a member, from the socket or REST alike. The message is
 * stored with the next `seq` under a lock on the conversation, then announced to every
 * participant's personal room in both namespaces. The same `client_msg_id` from the same sender
 * again (a retry) stores nothing, announces nothing and answers the stored message.
 *
 * This is the chat's hot path (tests/bench/scenarios/chat.ts): the usual send, by an active
 * participant, is six statements, and the checks it skips are implied by what it reads anyway.
 */
export default class SendMessage {
  async handle(who: Chatter, input: SendMessageInput): Promise<{ message: MessagePayload; duplicate: boolean }> {
    const sendable: readonly MessageType[] = who.type === ParticipantType.Staff ? STAFF_SENDABLE : MEMBER_SENDABLE
    if (!sendable.includes(input.type)) {
      throw new UnprocessableException(`You cannot send ${input.type} messages here`, 'type', 'invalid')
    }
    const body = await this.#body(input.type, input.body)

    const senderType = who.type === ParticipantType.Staff ? SenderType.Staff : SenderType.Member

    try {
      const result = await transaction(async (trx) => {
        const locked = await lockedConversation(trx, input.conversation_id)
        if (!locked) throw new NotFoundException('Conversation not found')
        const { conversation, participants } = locked
        // An active participant is inside every data scope (a conversation one takes part in is
        // visible to all roles), and their retry fails on the unique client_msg_id below: under
        // the lock, so a concurrent retry waits for the first and then finds it. Anyone else is
        // held to their scope first, and may be retrying a message sent while they took part.
        if (!activeParticipant(participants, who)) {
          await visibleConversation(who, conversation.id, trx)
          const again = await this.#stored(senderType, who.id, input.client_msg_id, trx)
          if (again) return { message: again, participants: null, storeId: conversation.storeId }
        }
        await ensureWriter(trx, who, conversation, participants)
        const message = await appendMessage(trx, conversation, participants, {
          senderType,
          senderId: who.id,
          clientMsgId: input.client_msg_id,
          type: input.type,
          body,
        })
        return { message, participants, storeId: conversation.storeId }
      })
      const payload = presentMessage(result.message, who.name)
      if (!result.participants) return { message: payload, duplicate: true }
      publishMessage(result.participants, payload, result.storeId)
      return { message: payload, duplicate: false }
    } catch (error) {
      if (!isDuplicateKey(error)) throw error
      const winner = await this.#stored(senderType, who.id, input.client_msg_id)
      if (!winner) throw error
      return { message: presentMessage(winner, who.name), duplicate: true }
    }
  }

  #stored(senderType: SenderType, senderId: number, clientMsgId: string, trx?: QueryClientContract) {
    return Message.query({ client: trx })
      .where('sender_type', senderType)
      .where('sender_id', senderId)
      .where('client_msg_id', clientMsgId)
      .first()
  }

  /** The body as its type's validator returns it; a product card carries the product's facts. */
  async #body(type: MessageType, raw: Record<string, unknown>): Promise<Record<string, unknown>> {
    const validator = messageBodyValidators[type as keyof typeof messageBodyValidators]
    if (!validator) throw new UnprocessableException(`You cannot send ${type} messages here`, 'type', 'invalid')
    const { body } = (await validator.validate({ body: raw })) as { body: Record<string, unknown> }
    if (type === MessageType.Product) {
      const product = await Product.findBy('sku', body.sku)
      if (!product) throw new UnprocessableException(`Unknown product ${body.sku}`, 'body.sku', 'exists')
      return { sku: product.sku, name: product.name, category: product.category, price: Number(product.price).toFixed(2) }
    }
    return body
  }
}
