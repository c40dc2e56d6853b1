import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

export default class SegmentCount extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare segmentId: number

  @column()
  declare count: number

  @column.dateTime()
  declare countedAt: DateTime
}
