import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { json } from '#models/json_column'

/** A contact that matched several members: someone binds it by hand. */
export default class WecomBindingConflict extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare contactId: number

  @column()
  declare reason: 'unionid' | 'phone'

  @column(json)
  declare candidateMemberIds: number[]

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
