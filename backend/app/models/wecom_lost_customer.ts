import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** A customer who deleted a guide (or was deleted by one). */
export default class WecomLostCustomer extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare contactId: number

  @column()
  declare followId: number

  @column()
  declare staffId: number | null

  @column()
  declare memberId: number | null

  @column()
  declare source: 'del_follow_user' | 'del_external_contact'

  @column.dateTime()
  declare at: DateTime
}
