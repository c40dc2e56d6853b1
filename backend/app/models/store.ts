import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import Region from '#models/region'
import Staff from '#models/staff'
import { StoreStatus } from '#enums/store'

export default class Store extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare code: string

  @column()
  declare name: string

  @column()
  declare regionId: number | null

  @column()
  declare city: string | null

  @column()
  declare status: StoreStatus

  @belongsTo(() => Region)
  declare region: BelongsTo<typeof Region>

  @hasMany(() => Staff)
  declare staff: HasMany<typeof Staff>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
