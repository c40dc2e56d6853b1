import { describe, expect, it } from 'vitest'
import type { MemberOrder } from '@/api/members'
import { OrderType, SalesChannel } from '@/enums/loyalty'
import { linkReturns } from './orders'

const order = (id: number, type: OrderType, original: number | null, paidAt: string): MemberOrder => ({
  id,
  order_no: `O${id}`,
  type,
  channel: SalesChannel.Pos,
  store: { id: 1, code: 'BJ001', name: '北京国贸店' },
  original_order_id: original,
  total: '100.00',
  discount: '0.00',
  paid: '100.00',
  refunded: '0.00',
  points_earned: 100,
  paid_at: paidAt,
  lines: [],
})

describe('linking returns to their sale', () => {
  it('lists a sale’s returns oldest first and names each return’s sale', () => {
    const sale = order(1, OrderType.Sale, null, '2025-01-01T10:00:00Z')
    const later = order(3, OrderType.Return, 1, '2025-01-09T10:00:00Z')
    const first = order(2, OrderType.Return, 1, '2025-01-05T10:00:00Z')
    const links = linkReturns([later, first, sale])
    expect(links.returnsOf(sale).map((o) => o.id)).toEqual([2, 3])
    expect(links.saleOf(first)).toBe(sale)
  })

  it('knows a return whose sale is on another page only by id', () => {
    const orphan = order(5, OrderType.Return, 4, '2025-01-05T10:00:00Z')
    expect(linkReturns([orphan]).saleOf(orphan)).toBeUndefined()
  })
})
