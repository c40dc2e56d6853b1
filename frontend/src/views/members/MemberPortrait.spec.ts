import { describe, expect, it, vi } from 'vitest'
import { DOMWrapper, flushPromises, mount } from '@vue/test-utils'
import { getActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import ElementPlus, { ElMessageBox } from 'element-plus'
import type { InternalAxiosRequestConfig } from 'axios'
import { setPlatformAPI } from 'echarts/core'
import MemberDetailView from './MemberDetailView.vue'
import { i18n } from '@/i18n'
import { StaffRole } from '@/enums/staff'
import { useSessionStore } from '@/stores/session'
import { fakeServer, type FakeResponse } from '@/testing/fakeHttp'
import { aMemberDetail, LADDER } from '@/testing/loyaltyFixtures'
import { aPointsItem, anOrderItem, aPortrait } from '@/testing/portraitFixtures'

setPlatformAPI({ measureText: (text = '') => ({ width: text.length * 7 }) })

const page = <T>(data: T[]) => ({ status: 200, data: { data, meta: { total: data.length, page: 1, per_page: 20 } } })

function answer(config: InternalAxiosRequestConfig): FakeResponse {
  if (config.url === '/tiers') return { status: 200, data: { data: LADDER } }
  if (config.url === '/members/101') return { status: 200, data: aMemberDetail({ portrait: aPortrait() }) }
  if (config.url === '/members/101/timeline') {
    return config.params?.before
      ? { status: 200, data: { data: [aPointsItem(3, '2025-04-01T02:00:00.000Z')], next_before: null } }
      : { status: 200, data: { data: [anOrderItem(9, '2025-05-01T06:00:00.000Z')], next_before: '2025-05-01T06:00:00.000Z' } }
  }
  if (config.method === 'delete') return { status: 204 }
  return page([])
}

async function openAs(role: StaffRole) {
  useSessionStore().start('tok', { id: 7, name: '张导购', role, store_id: role === StaffRole.Guide ? 3 : null })
  const requests = fakeServer(answer)
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/members', name: 'members', component: { template: '<p>list</p>' } },
      { path: '/members/:id', name: 'member', component: MemberDetailView },
      { path: '/tags', name: 'tags', component: { template: '<p>tags</p>' } },
    ],
  })
  await router.push('/members/101')
  const wrapper = mount(MemberDetailView, { props: { id: 101 }, global: { plugins: [getActivePinia()!, i18n, router, ElementPlus] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, requests }
}

describe('the member overview', () => {
  it('shows what the member is worth, their RFM group and when they buy', async () => {
    const { wrapper } = await openAs(StaffRole.HqOperator)
    expect(wrapper.get('[data-testid="kpi-ltv"]').text()).toBe('¥1,280.50')
    expect(wrapper.get('[data-testid="kpi-orders"]').text()).toBe('24')
    expect(wrapper.get('[data-testid="portrait-kpis"]').text()).toContain('12 天前')
    expect(wrapper.get('[data-testid="rfm-group"]').text()).toContain('忠诚客户')
    expect(wrapper.get('[data-testid="rfm-group"]').text()).toContain('R4 · F5 · M3')
    expect(wrapper.text()).toContain('周日 07:00')
  })

  it('draws the charts and shows each one’s numbers as a table on request', async () => {
    const { wrapper } = await openAs(StaffRole.HqOperator)
    // The charts are a lazy chunk: its first load (transforming ECharts) can take seconds on a busy machine.
    await vi.waitFor(() => expect(wrapper.find('[data-testid="chart-heatmap"] svg').exists()).toBe(true), { timeout: 10_000 })
    const heatmap = wrapper.get('[data-testid="chart-heatmap"]')
    await heatmap.findAll('.el-radio-button').find((b) => b.text() === '表格')!.trigger('click')
    await flushPromises()
    const rows = heatmap.get('[data-testid="heatmap-table"]').findAll('tbody tr').map((row) => row.text())
    expect(rows[0]).toContain('周日 07:00')
    expect(rows[0]).toContain('3')
  })

  it('lets a guide take off a tag given by hand but not one a rule gave, and offers no HQ tag management', async () => {
    const { wrapper, requests } = await openAs(StaffRole.Guide)
    const manual = wrapper.get('[data-testid="member-tag-vip"]')
    const byRule = wrapper.get('[data-testid="member-tag-coffee_lover"]')
    expect(byRule.find('.el-tag__close').exists()).toBe(false)
    expect(wrapper.find('[data-testid="add-tags"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="manage-tags"]').exists()).toBe(false)

    vi.spyOn(ElMessageBox, 'confirm').mockResolvedValue('confirm' as never)
    await manual.get('.el-tag__close').trigger('click')
    await flushPromises()
    expect(requests.filter((r) => r.method === 'delete').map((r) => r.url)).toEqual(['/members/101/tags/vip'])
  })

  it('gives HQ the way to the tag management page', async () => {
    const { wrapper } = await openAs(StaffRole.HqOperator)
    expect(wrapper.find('[data-testid="manage-tags"]').exists()).toBe(true)
  })
})

describe('the member timeline', () => {
  it('pages back in time with the cursor the server gave, until the start', async () => {
    const { wrapper, requests } = await openAs(StaffRole.Guide)
    await wrapper.findAll('.el-tabs__item').find((tab) => tab.text() === '动态')!.trigger('click')
    await flushPromises()
    const timeline = () => new DOMWrapper(wrapper.get('[data-testid="member-timeline"]').element)
    expect(timeline().text()).toContain('在 北京国贸店 消费 ¥36.00（门店 POS）')

    await timeline().get('[data-testid="timeline-more"]').trigger('click')
    await flushPromises()
    const calls = requests.filter((r) => r.url === '/members/101/timeline').map((r) => r.params.before ?? null)
    expect(calls).toEqual([null, '2025-05-01T06:00:00.000Z'])
    expect(timeline().text()).toContain('消费获得 +36 积分')
    expect(timeline().text()).toContain('已经到最早的动态了')
    expect(timeline().find('[data-testid="timeline-more"]').exists()).toBe(false)
  })
})
