import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { getActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import ElementPlus from 'element-plus'
import HandoverDetailView from './HandoverDetailView.vue'
import type { HandoverDetail } from '@/api/wecom'
import { HandoverItemStatus, HandoverKind, HandoverStatus } from '@/enums/wecom'
import { i18n } from '@/i18n'
import { fakeServer } from '@/testing/fakeHttp'

const item = (external_userid: string, status: HandoverItemStatus, errcode: number | null = null) => ({
  external_userid,
  contact_name: `客户 ${external_userid}`,
  status,
  errcode,
  updated_at: '2025-05-01T02:00:00.000Z',
})

const handover = (status: HandoverStatus, items: HandoverDetail['items']): HandoverDetail => ({
  id: 3,
  kind: HandoverKind.Onjob,
  handover_staff: { id: 7, name: '张导购' },
  takeover_staff: { id: 8, name: '王导购' },
  status,
  counts: { waiting: items.filter((i) => i.status === HandoverItemStatus.Waiting).length, done: items.filter((i) => i.status === HandoverItemStatus.Done).length, refused: 0, failed: 0 },
  items,
  created_at: '2025-05-01T01:00:00.000Z',
})

describe('a handover', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }))
  afterEach(() => vi.useRealTimers())

  it('shows each customer’s transfer in its colour, and reloads while running until it is done', async () => {
    const answers = [
      handover(HandoverStatus.Running, [item('wm1', HandoverItemStatus.Waiting), item('wm2', HandoverItemStatus.Limit, 84074), item('wm3', HandoverItemStatus.Failed, 40003)]),
      handover(HandoverStatus.Done, [item('wm1', HandoverItemStatus.Done), item('wm2', HandoverItemStatus.Limit, 84074), item('wm3', HandoverItemStatus.Failed, 40003)]),
    ]
    let loads = 0
    const requests = fakeServer(() => ({ status: 200, data: answers[Math.min(loads++, answers.length - 1)] }))
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/wecom/handovers', name: 'wecom-handovers', component: { template: '<p />' } }] })
    const wrapper = mount(HandoverDetailView, { props: { id: 3 }, global: { plugins: [getActivePinia()!, i18n, router, ElementPlus] } })
    await flushPromises()

    const tag = (id: string) => wrapper.get(`[data-testid="item-status-${id}"]`)
    expect(tag('wm1').text()).toBe('等待接替')
    expect(tag('wm1').classes()).toContain('el-tag--primary')
    expect(tag('wm2').text()).toBe('接替导购客户数已满')
    expect(tag('wm2').classes()).toContain('el-tag--warning')
    expect(tag('wm3').classes()).toContain('el-tag--danger')
    expect(wrapper.text()).toContain('错误码 40003')
    expect(wrapper.text()).toContain('张导购 → 王导购')

    await vi.advanceTimersByTimeAsync(10_000)
    await flushPromises()
    expect(requests).toHaveLength(2)
    expect(tag('wm1').text()).toBe('已接替')
    expect(tag('wm1').classes()).toContain('el-tag--success')

    await vi.advanceTimersByTimeAsync(60_000)
    expect(requests).toHaveLength(2)
  })
})
