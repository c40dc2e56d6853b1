import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { getActivePinia } from 'pinia'
import ElementPlus from 'element-plus'
import type { InternalAxiosRequestConfig } from 'axios'
import SyncView from './SyncView.vue'
import type { SyncRun } from '@/api/wecom'
import { i18n } from '@/i18n'
import { StaffRole } from '@/enums/staff'
import { SyncStatus } from '@/enums/wecom'
import { useSessionStore } from '@/stores/session'
import { SYNC_POLL_MS, useWecomSyncStore } from '@/stores/wecomSync'
import { fakeServer } from '@/testing/fakeHttp'
import { aSyncRun, finishedSync, runningSync } from '@/testing/wecomFixtures'

const page = (runs: SyncRun[]) => ({ status: 200, data: { data: runs, meta: { total: runs.length, page: 1, per_page: 20 } } })

/** The server: the history, POST starts run 7, and GET /syncs/7 answers `progress` one poll at a time (the last one repeats). */
function serve(history: SyncRun[], progress: SyncRun[]) {
  let polls = 0
  const requests = fakeServer((config) => {
    if (config.method === 'post') return { status: 202, data: aSyncRun() }
    if (config.url === '/wecom/syncs/7') return { status: 200, data: progress[Math.min(polls++, progress.length - 1)] }
    return page(history)
  })
  return requests
}

const pollsOf = (requests: InternalAxiosRequestConfig[]) => requests.filter((r) => r.url === '/wecom/syncs/7').length

async function openPage() {
  useSessionStore().start('tok', { id: 1, name: 'Ada', role: StaffRole.Admin, store_id: null })
  const wrapper = mount(SyncView, { global: { plugins: [getActivePinia()!, i18n, ElementPlus] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

async function wait(ms: number) {
  await vi.advanceTimersByTimeAsync(ms)
  await flushPromises()
}

describe('the WeCom sync page', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }))
  afterEach(() => vi.useRealTimers())

  it('starts a full sync, shows its phase and done/total every 2 s, and stops asking once it is done', async () => {
    const requests = serve([], [runningSync(40, 100), finishedSync()])
    const wrapper = await openPage()
    expect(wrapper.text()).toContain('还没有同步过')

    await wrapper.get('[data-testid="sync-full"]').trigger('click')
    await flushPromises()
    const post = requests.find((r) => r.method === 'post')!
    expect(post.url).toBe('/wecom/syncs')
    expect(JSON.parse(post.data as string)).toEqual({ kind: 'full' })
    expect(wrapper.get('[data-testid="sync-status"]').text()).toBe('排队中')
    expect(wrapper.get('[data-testid="sync-full"]').attributes('disabled')).toBeDefined()

    await wait(SYNC_POLL_MS - 1)
    expect(pollsOf(requests)).toBe(0)
    await wait(1)
    expect(pollsOf(requests)).toBe(1)
    expect(wrapper.get('[data-testid="sync-phase"]').text()).toBe('客户：40 / 100')
    expect(wrapper.get('[data-testid="sync-progress"]').text()).toContain('40%')

    await wait(SYNC_POLL_MS)
    expect(pollsOf(requests)).toBe(2)
    expect(wrapper.get('[data-testid="sync-status"]').text()).toBe('已完成')
    expect(wrapper.get('[data-testid="sync-current"]').text()).toContain('新增 90 · 更新 8 · 未变 2 · 移除 0')
    expect(wrapper.get('[data-testid="sync-full"]').attributes('disabled')).toBeUndefined()

    await wait(SYNC_POLL_MS * 5)
    expect(pollsOf(requests)).toBe(2)
  })

  it('follows a run already going when the page opens, and stops asking when the page is left', async () => {
    const requests = serve([runningSync(10, 100)], [runningSync(20, 100)])
    const wrapper = await openPage()
    expect(wrapper.get('[data-testid="sync-phase"]').text()).toBe('客户：10 / 100')

    await wait(SYNC_POLL_MS)
    expect(pollsOf(requests)).toBe(1)
    expect(wrapper.get('[data-testid="sync-phase"]').text()).toBe('客户：20 / 100')

    wrapper.unmount()
    await wait(SYNC_POLL_MS * 5)
    expect(pollsOf(requests)).toBe(1)
  })

  it('stops polling when the socket says the run finished, and keeps the history in step', async () => {
    const requests = serve([runningSync(10, 100)], [runningSync(20, 100)])
    const wrapper = await openPage()

    useWecomSyncStore().receive(finishedSync())
    await flushPromises()
    expect(wrapper.get('[data-testid="sync-status"]').text()).toBe('已完成')
    expect(wrapper.get('[data-testid="sync-history"]').text()).toContain('已完成')

    await wait(SYNC_POLL_MS * 3)
    expect(pollsOf(requests)).toBe(0)
  })

  it('says so when a sync failed, with the server’s reason', async () => {
    serve([aSyncRun({ status: SyncStatus.Failed, error: 'errcode 60011: no privilege', finished_at: '2025-05-01T02:03:00.000Z' })], [])
    const wrapper = await openPage()
    expect(wrapper.get('[data-testid="sync-current"]').text()).toContain('同步失败：errcode 60011: no privilege')
  })
})
