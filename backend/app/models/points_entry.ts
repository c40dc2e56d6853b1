import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { PointsKind } from '#enums/loyalty'

/**
 * Append-only: a member's balance is the sum of their entries, and each entry records the
 * balance after it.
 */
export default class PointsEntry extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare memberId: number

  @column()
  declare kind: PointsKind

  @column()
  declare points: number

  @column()
  declare balanceAfter: number

  @column()
  declare sourceRef: string

  @column()
  declare orderId: number | null

  @column()
  declare couponId: number | null

  @column.dateTime()
  declare expiresAt: DateTime | null

  @column()
  declare reason: string | null

  @column()
  declare staffId: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
