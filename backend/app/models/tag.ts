import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import TagGroup from '#models/tag_group'

/**
 * A tag, known everywhere by its code (segment definitions say `{"tag": code}`), so the code
 * never changes once created. Which members carry it is in `member_tags`.
 */
export default class Tag extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare groupId: number

  @column()
  declare code: string

  @column()
  declare name: string

  @column()
  declare wecomTagId: string | null

  @belongsTo(() => TagGroup, { foreignKey: 'groupId' })
  declare group: BelongsTo<typeof TagGroup>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
