import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { json } from '#models/json_column'
import { SyncKind, SyncStatus, SyncPhase } from '#enums/wecom'

/** A full or incremental sync with WeCom, its progress and summary; resumable from `checkpoint`. */
export default class WecomSyncRun extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare kind: SyncKind

  @column()
  declare status: SyncStatus

  @column()
  declare phase: SyncPhase | null

  @column(json)
  declare checkpoint: Record<string, unknown> | null

  @column()
  declare progressDone: number

  @column()
  declare progressTotal: number

  @column(json)
  declare summary: Record<string, unknown> | null

  @column()
  declare error: string | null

  @column()
  declare requestedBy: number | null

  @column.dateTime()
  declare startedAt: DateTime | null

  @column.dateTime()
  declare finishedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
