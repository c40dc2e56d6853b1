import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { HandoverKind } from '#enums/wecom'

/** A transfer of a staff member's customers (and groups) to another, resigned or on the job. */
export default class WecomHandover extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare kind: HandoverKind

  @column()
  declare handoverStaffId: number

  @column()
  declare takeoverStaffId: number

  @column({ consume: (value) => Boolean(value) })
  declare includeGroups: boolean

  @column()
  declare status: 'running' | 'done'

  @column()
  declare createdBy: number | null

  @column.dateTime()
  declare finishedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
