import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { json } from '#models/json_column'
import { FollowStatus } from '#enums/wecom'

/** A follow relation: the contact is in this staff member's WeCom contacts. */
export default class WecomFollow extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare contactId: number

  @column()
  declare wecomUserid: string

  @column()
  declare staffId: number | null

  @column()
  declare remark: string | null

  @column()
  declare description: string | null

  @column(json)
  declare remarkMobiles: string[] | null

  @column()
  declare addWay: number | null

  @column()
  declare state: string | null

  @column()
  declare channelCodeId: number | null

  @column(json)
  declare wecomTagIds: string[] | null

  @column()
  declare status: FollowStatus

  @column.dateTime()
  declare addedAt: DateTime

  @column.dateTime()
  declare deletedAt: DateTime | null

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
