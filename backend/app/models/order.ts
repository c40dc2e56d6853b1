import { DateTime } from 'luxon'
import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import OrderLine from '#models/order_line'
import { OrderType, SalesChannel } from '#enums/loyalty'

export default class Order extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare orderNo: string

  @column()
  declare type: OrderType

  @column()
  declare channel: SalesChannel

  @column()
  declare storeId: number

  @column()
  declare memberId: number | null

  @column()
  declare guideId: number | null

  @column()
  declare guideNo: string | null

  @column()
  declare originalOrderId: number | null

  @column()
  declare total: string

  @column()
  declare discount: string

  @column()
  declare paid: string

  /** On a sale: what its returns refunded so far. */
  @column()
  declare refunded: string

  @column()
  declare pointsEarned: number | null

  /** On a sale: what its returns reversed so far. */
  @column()
  declare pointsReversed: number

  @column.dateTime()
  declare paidAt: DateTime

  @column({ serializeAs: null })
  declare bodyHash: string

  /** The first answer, replayed to an identical retry. */
  @column({
    serializeAs: null,
    prepare: (value: unknown) => JSON.stringify(value),
    consume: (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value),
  })
  declare response: Record<string, unknown>

  @hasMany(() => OrderLine)
  declare lines: HasMany<typeof OrderLine>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
