import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import Member from '#models/member'
import Staff from '#models/staff'
import Store from '#models/store'
import ConversationParticipant from '#models/conversation_participant'
import { millis } from '#models/millis_column'
import type { ConversationChannel, ConversationKind } from '#enums/conversation'

export default class Conversation extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare kind: ConversationKind

  @column()
  declare channel: ConversationChannel

  @column()
  declare memberId: number | null

  /** The guide who owns the chat; for a web direct chat, always the member's owning guide. */
  @column()
  declare ownerStaffId: number | null

  @column()
  declare storeId: number | null

  @column()
  declare directKey: string | null

  @column()
  declare wecomExternalUserid: string | null

  @column()
  declare wecomChatId: string | null

  @column()
  declare title: string | null

  @column()
  declare lastSeq: number

  @column.dateTime(millis)
  declare lastMessageAt: DateTime | null

  @column()
  declare lastMessagePreview: string | null

  @column.dateTime(millis)
  declare lastMemberMessageAt: DateTime | null

  @column.dateTime(millis)
  declare firstResponsePendingSince: DateTime | null

  @column()
  declare takenOverBy: number | null

  @column()
  declare createdBy: number | null

  @belongsTo(() => Member)
  declare member: BelongsTo<typeof Member>

  @belongsTo(() => Staff, { foreignKey: 'ownerStaffId' })
  declare owner: BelongsTo<typeof Staff>

  @belongsTo(() => Store)
  declare store: BelongsTo<typeof Store>

  @hasMany(() => ConversationParticipant)
  declare participants: HasMany<typeof ConversationParticipant>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
