import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { IdentityType } from '#enums/loyalty'

/**
 * One way of recognising a member: phone, member no, unionid, WeCom external user id, mall
 * user id. Unique per type and value across the enterprise.
 */
export default class MemberIdentity extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare memberId: number

  @column()
  declare type: IdentityType

  @column()
  declare value: string

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
