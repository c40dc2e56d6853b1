import type { Portrait, TimelineEntry } from '@/api/members'
import { OrderType, PointsKind } from '@/enums/loyalty'
import { RfmGroup, TimelineKind } from '@/enums/portrait'
import { TagSource } from '@/enums/tag'

/** A coffee regular's portrait, as GET /members/:id sends it (backend queries/members/portrait.ts). */
export function aPortrait(overrides: Partial<Portrait> = {}): Portrait {
  const heatmap = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0))
  heatmap[6]![7] = 3 // slot "7:7": Sunday 07:00
  heatmap[0]![8] = 1
  return {
    lifetime_value: {
      lifetime_spend: '1280.50',
      order_count: 24,
      average_order: '53.35',
      first_purchase_at: '2024-03-01T02:00:00.000Z',
      last_purchase_at: '2025-05-01T06:00:00.000Z',
      days_since_last_purchase: 12,
    },
    favorites: {
      category: 'coffee',
      product: { sku: 'LATTE', name: '拿铁' },
      store: { id: 3, code: 'BJ001', name: '北京国贸店' },
      weekday: 7,
      hour: 7,
    },
    preferences: {
      categories: [
        { value: 'coffee', units: 30, amount: '900.00', share: 0.75 },
        { value: 'set_meal', units: 10, amount: '380.50', share: 0.25 },
      ],
      stores: [{ store: { id: 3, code: 'BJ001', name: '北京国贸店' }, units: 40, amount: '1280.50', share: 1 }],
      channels: [
        { value: 'pos', units: 36, amount: '1100.00', share: 0.9 },
        { value: 'miniprogram', units: 4, amount: '180.50', share: 0.1 },
      ],
      heatmap,
    },
    spend_by_month: ['2024-06', '2024-07', '2024-08', '2024-09', '2024-10', '2024-11', '2024-12', '2025-01', '2025-02', '2025-03', '2025-04', '2025-05'].map((month) => ({
      month,
      sales: '100.00',
      refunds: month === '2025-03' ? '20.00' : '0.00',
      net: month === '2025-03' ? '80.00' : '100.00',
    })),
    rfm: { r: 4, f: 5, m: 3, group: RfmGroup.Loyal },
    tags: [
      { code: 'coffee_lover', name: '咖啡爱好者', source: TagSource.Rule, since: '2025-04-01T00:00:00.000Z' },
      { code: 'vip', name: 'VIP', source: TagSource.Manual, since: '2025-04-02T00:00:00.000Z' },
    ],
    coupons: { usable: 2, redeemed: 5, expired: 1 },
    ...overrides,
  }
}

export const anOrderItem = (id: number, at: string): TimelineEntry => ({
  id: `order:${id}`,
  kind: TimelineKind.Order,
  at,
  data: { order_id: id, order_no: `POS-${id}`, type: OrderType.Sale, channel: 'pos', amount: '36.00', refunded: '0.00', points: 36, store: { code: 'BJ001', name: '北京国贸店' } },
})

export const aPointsItem = (id: number, at: string): TimelineEntry => ({
  id: `points:${id}`,
  kind: TimelineKind.Points,
  at,
  data: { kind: PointsKind.Earn, points: 36, balance_after: 1316, reason: null, order_id: id },
})
