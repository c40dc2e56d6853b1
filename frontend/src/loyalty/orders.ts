import type { MemberOrder } from '@/api/members'
import { OrderType } from '@/enums/loyalty'

/**
 * Links a page of orders: each sale to the returns made against it (possibly at another store
 * or through another channel), each return to its sale. A sale or return on another page is
 * known only by id.
 */
export function linkReturns(orders: readonly MemberOrder[]) {
  const byId = new Map(orders.map((order) => [order.id, order]))
  const returnsOf = new Map<number, MemberOrder[]>()
  for (const order of orders) {
    if (order.type !== OrderType.Return || order.original_order_id === null) continue
    const list = returnsOf.get(order.original_order_id) ?? []
    list.push(order)
    returnsOf.set(order.original_order_id, list)
  }
  return {
    /** Returns of a sale, oldest first. */
    returnsOf: (sale: MemberOrder) => [...(returnsOf.get(sale.id) ?? [])].sort((a, b) => a.paid_at.localeCompare(b.paid_at)),
    saleOf: (order: MemberOrder) => (order.original_order_id === null ? undefined : byId.get(order.original_order_id)),
  }
}
