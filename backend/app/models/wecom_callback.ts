import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/**
 * A callback as WeCom sent it, decrypted, stored before it is answered. `hash` dedupes WeCom's
 * retries (FromUserName is always `sys`, so the whole body is what identifies one).
 */
export default class WecomCallback extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare hash: string

  @column()
  declare event: string

  @column()
  declare changeType: string | null

  @column()
  declare body: string

  @column.dateTime()
  declare receivedAt: DateTime

  @column.dateTime()
  declare processedAt: DateTime | null

  @column()
  declare attempts: number

  @column()
  declare error: string | null
}
