import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { json } from '#models/json_column'

/** One entry of a group's history: created, members added or removed, renamed, dismissed… */
export default class WecomGroupChange extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare groupId: number

  @column()
  declare change: string

  @column(json)
  declare detail: Record<string, unknown> | null

  @column.dateTime()
  declare at: DateTime
}
