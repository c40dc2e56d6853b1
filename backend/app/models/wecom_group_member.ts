import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** Someone who is (or, with `leftAt`, was) in a customer group: staff or an external contact. */
export default class WecomGroupMember extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare groupId: number

  @column()
  declare memberKey: string

  @column()
  declare type: number

  @column()
  declare unionid: string | null

  @column()
  declare name: string | null

  @column()
  declare groupNickname: string | null

  @column()
  declare memberId: number | null

  @column()
  declare staffId: number | null

  @column.dateTime()
  declare joinTime: DateTime | null

  @column()
  declare joinScene: number | null

  @column()
  declare invitor: string | null

  @column.dateTime()
  declare leftAt: DateTime | null

  @column()
  declare quitScene: number | null
}
