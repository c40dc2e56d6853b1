import { DateTime } from 'luxon'
import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import SegmentCount from '#models/segment_count'
import { SegmentKind } from '#enums/tag'

const json = {
  prepare: (value: unknown) => JSON.stringify(value),
  consume: (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value),
}

/**
 * A saved segment. Dynamic: its definition is evaluated whenever it is used. Static: the
 * members it had at `snapshotAt`, kept in `segment_members`.
 */
export default class Segment extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare name: string

  @column(json)
  declare definition: unknown

  @column()
  declare kind: SegmentKind

  @column.dateTime()
  declare snapshotAt: DateTime | null

  /** The last recorded count (enterprise-wide); its history is in `segment_counts`. */
  @column()
  declare memberCount: number | null

  @column()
  declare createdBy: number | null

  @hasMany(() => SegmentCount)
  declare counts: HasMany<typeof SegmentCount>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
