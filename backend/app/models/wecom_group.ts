import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { GroupStatus } from '#enums/wecom'

/** A WeCom customer group (客户群). */
export default class WecomGroup extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare chatId: string

  @column()
  declare name: string

  @column()
  declare ownerUserid: string | null

  @column()
  declare ownerStaffId: number | null

  @column()
  declare notice: string | null

  @column()
  declare status: GroupStatus

  @column()
  declare memberVersion: string | null

  @column.dateTime()
  declare wecomCreatedAt: DateTime | null

  @column.dateTime()
  declare dismissedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
