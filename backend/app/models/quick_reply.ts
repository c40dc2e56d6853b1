import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import type { QuickReplyScope } from '#enums/conversation'

/** A canned reply (话术): the corp's, a store's or one staff member's own. */
export default class QuickReply extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare scope: QuickReplyScope

  @column()
  declare storeId: number | null

  @column()
  declare staffId: number | null

  @column()
  declare category: string | null

  @column()
  declare title: string

  @column()
  declare content: string

  @column()
  declare useCount: number

  @column()
  declare createdBy: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
