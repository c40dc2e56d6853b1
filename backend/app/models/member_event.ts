import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import type { EventType } from '#enums/event'

/**
 * One behaviour event of a member (view, favourite, add to cart…), as the mall or the
 * mini-program sent it. `event_id` is the sender's id and unique: a resent event is stored once.
 * Events older than the retention (`events.retention_days`) are pruned daily.
 */
export default class MemberEvent extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare eventId: string

  @column()
  declare memberId: number

  @column()
  declare type: EventType

  @column.dateTime()
  declare occurredAt: DateTime

  @column({
    prepare: (value: Record<string, unknown> | null) => (value === null ? null : JSON.stringify(value)),
    consume: (value: string | Record<string, unknown> | null) => (typeof value === 'string' ? JSON.parse(value) : value),
  })
  declare props: Record<string, unknown> | null

  /** The integration key that sent it. */
  @column()
  declare integrationAppId: number | null

  @column.dateTime()
  declare receivedAt: DateTime
}
