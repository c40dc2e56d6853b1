import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { ContactStatus } from '#enums/wecom'

/** A WeCom external contact (客户), bound to a member when we know who they are. */
export default class WecomContact extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare externalUserid: string

  @column()
  declare name: string

  @column()
  declare avatar: string | null

  @column()
  declare type: number

  @column()
  declare gender: number

  @column()
  declare unionid: string | null

  @column()
  declare corpName: string | null

  @column()
  declare memberId: number | null

  @column()
  declare status: ContactStatus

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
