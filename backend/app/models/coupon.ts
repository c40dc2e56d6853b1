import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import CouponTemplate from '#models/coupon_template'
import { CouponChannel, CouponSource, CouponStatus } from '#enums/loyalty'

export default class Coupon extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare code: string

  @column()
  declare templateId: number

  @column()
  declare memberId: number

  @column()
  declare status: CouponStatus

  @column()
  declare source: CouponSource

  @column()
  declare sourceRef: string | null

  @column()
  declare issuedByStaffId: number | null

  @column.dateTime()
  declare issuedAt: DateTime

  @column.dateTime()
  declare validFrom: DateTime | null

  @column.dateTime()
  declare expiresAt: DateTime | null

  @column.dateTime()
  declare redeemedAt: DateTime | null

  @column()
  declare redeemedStoreId: number | null

  @column()
  declare redeemedChannel: CouponChannel | null

  @column()
  declare redeemedOrderNo: string | null

  @column()
  declare voidReason: string | null

  @belongsTo(() => CouponTemplate, { foreignKey: 'templateId' })
  declare template: BelongsTo<typeof CouponTemplate>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
