import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { json } from '#models/json_column'
import { millis } from '#models/millis_column'
import type { MessageSource, MessageType, SenderType } from '#enums/conversation'

export default class Message extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare conversationId: number

  /** Rises by one per conversation, without gaps. */
  @column()
  declare seq: number

  @column()
  declare senderType: SenderType

  @column()
  declare senderId: number | null

  @column()
  declare clientMsgId: string | null

  @column()
  declare type: MessageType

  @column(json)
  declare body: Record<string, unknown>

  @column()
  declare source: MessageSource

  @column()
  declare wecomMsgid: string | null

  @column.dateTime({ ...millis, autoCreate: true })
  declare createdAt: DateTime
}
