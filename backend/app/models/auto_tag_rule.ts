import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Tag from '#models/tag'
import { AutoTagRuleStatus } from '#enums/tag'

const json = {
  prepare: (value: unknown) => JSON.stringify(value),
  consume: (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value),
}

/**
 * Tags the members who match a segment definition; with `removeWhenUnmatched`, takes the tag
 * back from those who stop matching (only where this rule added it).
 */
export default class AutoTagRule extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare name: string

  @column()
  declare tagId: number

  /** A segment definition (CONTRACTS section 5), validated with parseDefinition when saved. */
  @column(json)
  declare definition: unknown

  @column({ consume: (value) => Boolean(value) })
  declare removeWhenUnmatched: boolean

  @column()
  declare status: AutoTagRuleStatus

  @column.dateTime()
  declare lastRunAt: DateTime | null

  @belongsTo(() => Tag)
  declare tag: BelongsTo<typeof Tag>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
