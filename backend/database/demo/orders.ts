import { OrderType, SalesChannel } from '#enums/loyalty'
import type { OrderAnswer } from '#actions/orders/ingest_order'
import type { Cents } from '#services/money'
import type { BasketLine } from '#database/demo/baskets'
import type { Calendar } from '#database/demo/calendar'
import type { DemoGuide, DemoStore } from '#database/demo/context'
import type { Ids } from '#database/demo/ids'

export type LineRecord = BasketLine & { id: number; returnedQty: number; originalLineId: number | null }

export type OrderRecord = {
  id: number
  orderNo: string
  type: OrderType
  channel: SalesChannel
  store: DemoStore
  memberId: number | null
  guide: DemoGuide | null
  originalOrderId: number | null
  totalCents: Cents
  discountCents: Cents
  paidCents: Cents
  refundedCents: Cents
  pointsEarned: number | null
  pointsReversed: number
  paidAt: number
  /** When the POS delivered it: a few seconds after payment. */
  createdAt: number
  response: OrderAnswer | null
  lines: LineRecord[]
}

/**
 * Orders as the systems upstream number them: the store code and local date with a daily
 * counter at the till (SH001-20261121-0001, as in CONTRACTS), a longer counter online, and an
 * R for returns.
 */
export class OrderBook {
  readonly orders: OrderRecord[] = []
  #counters = new Map<string, number>()

  constructor(
    private ids: Ids,
    private calendar: Calendar
  ) {}

  create(input: {
    type: OrderType
    channel: SalesChannel
    store: DemoStore
    memberId: number | null
    guide: DemoGuide | null
    original: OrderRecord | null
    lines: (BasketLine & { originalLineId?: number })[]
    discountCents: Cents
    paidCents: Cents
    paidAt: number
    createdAt: number
  }): OrderRecord {
    const order: OrderRecord = {
      id: this.ids.next('orders'),
      orderNo: this.#number(input.type, input.channel, input.store, input.paidAt),
      type: input.type,
      channel: input.channel,
      store: input.store,
      memberId: input.memberId,
      guide: input.guide,
      originalOrderId: input.original?.id ?? null,
      totalCents: input.lines.reduce((sum, l) => sum + l.unitCents * l.qty, 0),
      discountCents: input.discountCents,
      paidCents: input.paidCents,
      refundedCents: 0,
      pointsEarned: null,
      pointsReversed: 0,
      paidAt: input.paidAt,
      createdAt: input.createdAt,
      response: null,
      lines: input.lines.map((line) => ({
        sku: line.sku,
        name: line.name,
        category: line.category,
        unitCents: line.unitCents,
        qty: line.qty,
        id: this.ids.next('lines'),
        returnedQty: 0,
        originalLineId: line.originalLineId ?? null,
      })),
    }
    this.orders.push(order)
    return order
  }

  #number(type: OrderType, channel: SalesChannel, store: DemoStore, at: number) {
    const date = this.calendar.dayOf(at).compact
    const returned = type === OrderType.Return ? 'R' : ''
    const prefix =
      channel === SalesChannel.Pos
        ? `${store.code}-${date}-${returned}`
        : `${channel === SalesChannel.Mall ? 'MALL' : 'MP'}${returned}${date}`
    const n = (this.#counters.get(prefix) ?? 0) + 1
    this.#counters.set(prefix, n)
    return prefix + String(n).padStart(channel === SalesChannel.Pos ? 4 : 6, '0')
  }
}
