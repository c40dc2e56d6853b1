import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { IntegrationAppStatus, IntegrationScope } from '#enums/integration'

/**
 * A POS, mall or mini-program system allowed to call the signed webhooks. The secret is kept
 * encrypted with APP_KEY: the server needs it to recompute signatures.
 */
export default class IntegrationApp extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare name: string

  @column()
  declare keyId: string

  @column({ serializeAs: null })
  declare secretEncrypted: string

  @column({
    prepare: (value: IntegrationScope[]) => JSON.stringify(value),
    consume: (value: string | IntegrationScope[]) =>
      typeof value === 'string' ? JSON.parse(value) : value,
  })
  declare scopes: IntegrationScope[]

  @column()
  declare status: IntegrationAppStatus

  @column.dateTime()
  declare lastUsedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
