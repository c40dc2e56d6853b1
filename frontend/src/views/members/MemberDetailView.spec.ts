import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { getActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import ElementPlus from 'element-plus'
import type { InternalAxiosRequestConfig } from 'axios'
import { setPlatformAPI } from 'echarts/core'
import MemberDetailView from './MemberDetailView.vue'
import type { MemberOrder, PointsEntry } from '@/api/members'
import { i18n } from '@/i18n'
import { OrderType, PointsKind, SalesChannel } from '@/enums/loyalty'
import { StaffRole } from '@/enums/staff'
import { useSessionStore } from '@/stores/session'
import { fakeServer } from '@/testing/fakeHttp'
import { aMemberDetail, LADDER } from '@/testing/loyaltyFixtures'

const sale: MemberOrder = {
  id: 11,
  order_no: 'POS-BJ001-0001',
  type: OrderType.Sale,
  channel: SalesChannel.Pos,
  store: { id: 3, code: 'BJ001', name: '北京国贸店' },
  original_order_id: null,
  total: '598.00',
  discount: '20.00',
  paid: '578.00',
  refunded: '299.00',
  points_earned: 693,
  paid_at: '2025-05-01T06:00:00.000Z',
  lines: [
    { id: 21, sku: 'SKU-A', name: '羊毛围巾', category: '配饰', qty: 2, unit_price: '299.00', amount: '598.00', returned_qty: 1, original_line_id: null },
  ],
}
const ret: MemberOrder = {
  ...sale,
  id: 12,
  order_no: 'MALL-R-0001',
  type: OrderType.Return,
  channel: SalesChannel.Mall,
  store: { id: 5, code: 'SH002', name: '上海南京路店' },
  original_order_id: 11,
  total: '299.00',
  discount: '0.00',
  paid: '299.00',
  refunded: '0.00',
  points_earned: -346,
  paid_at: '2025-05-03T06:00:00.000Z',
  lines: [{ id: 22, sku: 'SKU-A', name: '羊毛围巾', category: '配饰', qty: 1, unit_price: '299.00', amount: '299.00', returned_qty: 0, original_line_id: 21 }],
}
const ledger: PointsEntry[] = [
  { id: 2, kind: PointsKind.Reverse, points: -346, balance_after: 347, source_ref: 'order:12:reverse', order_id: 12, expires_at: null, reason: null, created_at: '2025-05-03T06:00:00.000Z' },
  { id: 1, kind: PointsKind.Earn, points: 693, balance_after: 693, source_ref: 'order:11', order_id: 11, expires_at: '2026-12-31T15:59:59.000Z', reason: null, created_at: '2025-05-01T06:00:00.000Z' },
]

// jsdom has no canvas to measure the axis labels with; ECharts only needs a width.
setPlatformAPI({ measureText: (text = '') => ({ width: text.length * 7 }) })

const page = <T>(data: T[]) => ({ status: 200, data: { data, meta: { total: data.length, page: 1, per_page: 20 } } })

function answer(config: InternalAxiosRequestConfig) {
  switch (config.url) {
    case '/tiers':
      return { status: 200, data: { data: LADDER } }
    case '/members/101':
      return { status: 200, data: aMemberDetail() }
    case '/members/101/orders':
      return page([ret, sale])
    case '/members/101/points':
      return page(ledger)
    default:
      return page([])
  }
}

async function openMember() {
  useSessionStore().start('tok', { id: 1, name: 'Ada', role: StaffRole.HqOperator, store_id: null })
  const requests = fakeServer(answer)
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/members', name: 'members', component: { template: '<p>list</p>' } },
      { path: '/members/:id', name: 'member', component: MemberDetailView, props: (r) => ({ id: Number(r.params.id) }) },
    ],
  })
  await router.push('/members/101')
  const wrapper = mount(MemberDetailView, { props: { id: 101 }, global: { plugins: [getActivePinia()!, i18n, router, ElementPlus] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, requests }
}

describe('the member page', () => {
  it('shows the portrait header with the next tier by name', async () => {
    const { wrapper } = await openMember()
    expect(wrapper.get('[data-testid="member-header"]').text()).toContain('再消费 ¥3,000.00 升级为白金 Platinum')
  })

  it('opens on the overview, the portrait first', async () => {
    const { wrapper } = await openMember()
    expect(wrapper.findAll('.el-tabs__item').map((tab) => tab.text())).toEqual(['概览', '动态', '订单', '积分', '优惠券'])
    expect(wrapper.find('[data-testid="member-overview"]').isVisible()).toBe(true)
  })

  it('links a return made at another store through the mall to its sale, and marks the returned quantity', async () => {
    const { wrapper } = await openMember()
    await wrapper.findAll('.el-tabs__item').find((tab) => tab.text() === '订单')!.trigger('click')
    await flushPromises()
    const saleCard = wrapper.get('[data-testid="order-11"]')
    expect(saleCard.get('[data-testid="returned-by"]').text()).toMatch(/在 SH002 通过商城退货，退款 ¥299\.00（MALL-R-0001）/)
    expect(saleCard.text()).toContain('已退 1')
    expect(saleCard.text()).toContain('已退款 ¥299.00')
    const returnCard = wrapper.get('[data-testid="order-12"]')
    expect(returnCard.get('[data-testid="return-of"]').text()).toBe('退货 · 原订单 POS-BJ001-0001')
    expect(returnCard.text()).toContain('积分 -346')
  })

  it('draws the balance from the ledger above the entries, each with its balance after', async () => {
    const { wrapper, requests } = await openMember()
    await wrapper.findAll('.el-tabs__item').find((tab) => tab.text() === '积分')!.trigger('click')
    await flushPromises()

    await vi.waitFor(() => expect(wrapper.find('[data-testid="points-chart"] svg').exists()).toBe(true))
    const rows = wrapper.get('[data-testid="points-table"]').findAll('tbody tr').map((row) => row.text())
    expect(rows[0]).toContain('退货扣回')
    expect(rows[0]).toContain('-346')
    expect(rows[0]).toContain('347')
    const ledgerCalls = requests.filter((r) => r.url === '/members/101/points').map((r) => r.params.per_page)
    expect(ledgerCalls.sort()).toEqual([100, 20])
  })
})
