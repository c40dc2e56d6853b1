import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Member from '#models/member'
import { AutoTagAction } from '#enums/tag'

/**
 * One tag an auto-tag rule added to or removed from a member, and what made it run. Append-only.
 */
export default class AutoTagHit extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare ruleId: number

  @column()
  declare memberId: number

  @column()
  declare action: AutoTagAction

  @column()
  declare trigger: string

  @belongsTo(() => Member)
  declare member: BelongsTo<typeof Member>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
