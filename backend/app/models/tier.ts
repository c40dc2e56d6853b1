import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { toCents, toHundredths } from '#services/money'
import type { TierRule } from '#services/loyalty_rules'

export default class Tier extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare code: string

  @column()
  declare name: string

  /** Net spend over the last 365 × 24 h that reaches this tier; decimal string. */
  @column()
  declare threshold: string

  /** Points multiplier, decimal string ("1.20"). */
  @column()
  declare multiplier: string

  @column()
  declare rank: number

  @column()
  declare benefits: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  get rule(): TierRule {
    return {
      id: this.id,
      code: this.code,
      thresholdCents: toCents(this.threshold),
      multiplierHundredths: toHundredths(this.multiplier),
      rank: this.rank,
    }
  }
}
