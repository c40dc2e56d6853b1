import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { HandoverItemStatus } from '#enums/wecom'

/** One customer or group in a handover, with WeCom's result for it. */
export default class WecomHandoverItem extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare handoverId: number

  @column()
  declare kind: 'contact' | 'group'

  @column()
  declare target: string

  @column()
  declare status: HandoverItemStatus

  @column()
  declare errcode: number | null

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
