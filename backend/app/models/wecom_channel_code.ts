import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { json } from '#models/json_column'

/**
 * A channel code (渠道活码): a WeCom contact way whose `state` tells which channel a new contact
 * came through, with the welcome message sent to them.
 */
export default class WecomChannelCode extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare name: string

  @column()
  declare state: string

  @column()
  declare configId: string | null

  @column()
  declare qrCode: string | null

  @column({ consume: (value) => Boolean(value) })
  declare skipVerify: boolean

  @column(json)
  declare staffIds: number[]

  @column()
  declare welcomeText: string | null

  @column(json)
  declare welcomeAttachments: Record<string, unknown>[] | null

  @column()
  declare createdBy: number | null

  @column.dateTime()
  declare deletedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
