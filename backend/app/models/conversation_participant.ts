import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import type { ParticipantType } from '#enums/conversation'

export default class ConversationParticipant extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare conversationId: number

  @column()
  declare participantType: ParticipantType

  @column()
  declare participantId: number

  @column()
  declare lastDeliveredSeq: number

  @column()
  declare lastReadSeq: number

  @column.dateTime()
  declare joinedAt: DateTime

  /** Set when a guide hands the chat on; they no longer receive its messages. */
  @column.dateTime()
  declare leftAt: DateTime | null
}
