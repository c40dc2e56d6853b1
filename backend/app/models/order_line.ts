import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { OrderType, SalesChannel } from '#enums/loyalty'

export default class OrderLine extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare orderId: number

  @column()
  declare kind: OrderType

  @column()
  declare memberId: number | null

  @column()
  declare storeId: number

  @column()
  declare channel: SalesChannel

  @column.dateTime()
  declare paidAt: DateTime

  @column()
  declare sku: string

  @column()
  declare name: string

  @column()
  declare category: string

  @column()
  declare qty: number

  @column()
  declare unitPrice: string

  @column()
  declare amount: string

  @column()
  declare returnedQty: number

  @column()
  declare originalLineId: number | null
}
