import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { CouponChannel, CouponKind } from '#enums/loyalty'

const json = {
  prepare: (value: unknown) => (value === null ? null : JSON.stringify(value)),
  consume: (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value),
}

export default class CouponTemplate extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare code: string

  @column()
  declare name: string

  @column()
  declare kind: CouponKind

  /** Yuan off for amount_off, percent for percent_off ("20" = 20 % off), gift value otherwise. */
  @column()
  declare value: string

  @column()
  declare minSpend: string

  @column.dateTime()
  declare validFrom: DateTime | null

  @column.dateTime()
  declare validTo: DateTime | null

  @column()
  declare validDays: number | null

  @column(json)
  declare channels: CouponChannel[]

  @column(json)
  declare storeIds: number[] | null

  @column()
  declare totalStock: number | null

  @column()
  declare issuedCount: number

  @column()
  declare perMemberLimit: number | null

  @column()
  declare pointsCost: number | null

  @column()
  declare status: 'active' | 'archived'

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
