import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

export type AuditActorType = 'staff' | 'integration' | 'system'
export type AuditChanges = Record<string, { from?: unknown; to?: unknown }>

/**
 * Who changed what, when and from where. Append-only; personal data is masked before it
 * gets here.
 */
export default class AuditLog extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare actorType: AuditActorType

  @column()
  declare actorId: number | null

  @column()
  declare actorName: string | null

  @column()
  declare action: string

  @column()
  declare subjectType: string

  @column()
  declare subjectId: string | null

  @column({
    prepare: (value: AuditChanges) => JSON.stringify(value),
    consume: (value: string | AuditChanges) => (typeof value === 'string' ? JSON.parse(value) : value),
  })
  declare changes: AuditChanges

  @column()
  declare ip: string | null

  @column()
  declare requestId: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
