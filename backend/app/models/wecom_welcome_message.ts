import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** A welcome message sent (or tried) with a welcome code; the unique code makes it once. */
export default class WecomWelcomeMessage extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare welcomeCode: string

  @column()
  declare followId: number

  @column()
  declare channelCodeId: number | null

  @column()
  declare status: 'sent' | 'failed'

  @column()
  declare errcode: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
