import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { TierChangeReason } from '#enums/loyalty'

export default class TierChange extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare memberId: number

  @column()
  declare fromTierId: number | null

  @column()
  declare toTierId: number

  @column()
  declare reason: TierChangeReason

  @column()
  declare sourceRef: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
