import { describe, expect, it, vi } from 'vitest'
import { DOMWrapper, flushPromises, mount } from '@vue/test-utils'
import { getActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import ElementPlus from 'element-plus'
import type { InternalAxiosRequestConfig } from 'axios'
import SegmentBuilderView from './SegmentBuilderView.vue'
import { i18n } from '@/i18n'
import { StaffRole } from '@/enums/staff'
import { useSessionStore } from '@/stores/session'
import { errorsBody, fakeServer, type FakeResponse } from '@/testing/fakeHttp'
import { LADDER } from '@/testing/loyaltyFixtures'

const SAMPLE = [{ id: 101, member_no: 'M00000101', name: '李小姐', phone_masked: '138****0001', tier: 'gold' }]
const previews = (requests: InternalAxiosRequestConfig[]) => requests.filter((r) => r.url === '/segments/preview').map((r) => JSON.parse(r.data as string))

async function openBuilder(template: string, onPreview: (body: { definition: unknown }) => FakeResponse, onSave?: () => FakeResponse) {
  useSessionStore().start('tok', { id: 1, name: 'Ada', role: StaffRole.HqOperator, store_id: null })
  const requests = fakeServer((config) => {
    if (config.url === '/tiers') return { status: 200, data: { data: LADDER } }
    if (config.url === '/segments/preview') return onPreview(JSON.parse(config.data as string))
    if (config.url === '/segments' && config.method === 'post' && onSave) return onSave()
    return { status: 200, data: { data: [], meta: { total: 0, page: 1, per_page: 20 } } }
  })
  const page = { template: '<p />' }
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/segments', name: 'segments', component: page },
      { path: '/segments/new', name: 'segment-new', component: page },
      { path: '/segments/:id', name: 'segment', component: page },
      { path: '/members/:id', name: 'member', component: page },
    ],
  })
  await router.push({ name: 'segment-new', query: { template } })
  const wrapper = mount(SegmentBuilderView, { global: { plugins: [getActivePinia()!, i18n, router, ElementPlus] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, requests, router }
}

const rows = (wrapper: Awaited<ReturnType<typeof openBuilder>>['wrapper']) => wrapper.findAll('.condition-row')
const rowErrors = (row: DOMWrapper<Element>) => row.findAll('[data-testid="row-error"]').map((e) => e.text())

describe('the segment builder', () => {
  it('starts from a template, counts it and shows who matches, each a link to their page', async () => {
    const { wrapper, requests } = await openBuilder('weekendCoffee', () => ({ status: 200, data: { count: 1234, members: SAMPLE } }))
    expect(wrapper.get('[data-testid="live-count"]').text()).toBe('…')

    await vi.waitFor(() => expect(wrapper.get('[data-testid="live-count"]').text()).toBe('1,234'), { timeout: 2000 })
    expect(previews(requests)).toEqual([
      { limit: 20, definition: { purchased: { category: 'coffee', weekdays: [6, 7], hours: [7, 10], within_days: 60, count: { op: 'gte', value: 3 } } } },
    ])
    const link = wrapper.get('[data-testid="preview-sample"] a')
    expect(link.text()).toBe('李小姐')
    expect(link.attributes('href')).toBe('/members/101')
  })

  it('counts again after an edit: a weekday chip taken off the template', async () => {
    const { wrapper, requests } = await openBuilder('weekendCoffee', () => ({ status: 200, data: { count: 10, members: [] } }))
    await vi.waitFor(() => expect(previews(requests)).toHaveLength(1), { timeout: 2000 })

    await wrapper.get('[data-testid="weekday-6"]').trigger('click')
    await vi.waitFor(() => expect(previews(requests)).toHaveLength(2), { timeout: 2000 })
    expect(previews(requests)[1].definition.purchased.weekdays).toEqual([7])
  })

  it('puts the server’s path error on the row it names, and on no other', async () => {
    const { wrapper } = await openBuilder('visitsWithoutNewItem', () => ({
      status: 422,
      data: errorsBody({ field: 'all[1].not.purchased.sku', message: 'Expected a SKU or a list of them', code: 'type' }),
    }))
    await vi.waitFor(() => expect(rowErrors(rows(wrapper)[1]!)).toEqual(['Expected a SKU or a list of them']), { timeout: 2000 })
    expect(rowErrors(rows(wrapper)[0]!)).toEqual([])
    expect(wrapper.get('[data-testid="live-count"]').text()).toBe('—')
  })

  it('does not count while a condition is incomplete, and says which', async () => {
    const { wrapper, requests } = await openBuilder('lapsed', () => ({ status: 200, data: { count: 3, members: [] } }))
    await vi.waitFor(() => expect(previews(requests)).toHaveLength(1), { timeout: 2000 })

    await wrapper.get('[data-testid="add-condition"]').trigger('click')
    await new DOMWrapper(document.body).get('[data-testid="add-tag"]').trigger('click')
    await flushPromises()
    expect(rows(wrapper)[1]!.find('[data-testid="row-incomplete"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="preview-incomplete"]').exists()).toBe(true)
    await new Promise((resolve) => setTimeout(resolve, 600))
    expect(previews(requests)).toHaveLength(1)
  })

  it('offers broadcasting only as “coming with broadcasts”', async () => {
    const { wrapper } = await openBuilder('lapsed', () => ({ status: 200, data: { count: 3, members: [] } }))
    expect(wrapper.get('[data-testid="broadcast"] button').attributes('disabled')).toBeDefined()
    await wrapper.get('[data-testid="broadcast"]').trigger('mouseenter')
    await vi.waitFor(() => expect(document.body.textContent).toContain('群发功能即将上线'), { timeout: 2000 })
  })

  it('saves a dynamic segment with the definition as built, then opens it', async () => {
    const { wrapper, requests, router } = await openBuilder(
      'setMealTwice',
      () => ({ status: 200, data: { count: 42, members: [] } }),
      () => ({ status: 201, data: { id: 7, name: '套餐回头客', kind: 'dynamic', definition: {}, member_count: 42 } })
    )
    await wrapper.get('[data-testid="segment-save-new"]').trigger('click')
    await flushPromises()
    const body = new DOMWrapper(document.body)
    await body.get('input[data-testid="segment-name"], [data-testid="segment-name"] input').setValue('套餐回头客')
    await body.get('[data-testid="segment-save-submit"]').trigger('click')
    await flushPromises()

    const saved = requests.find((r) => r.url === '/segments' && r.method === 'post')!
    expect(JSON.parse(saved.data as string)).toEqual({
      name: '套餐回头客',
      kind: 'dynamic',
      definition: { purchased: { category: 'set_meal', within_days: 30, count: { op: 'gte', value: 2 } } },
    })
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/segments/7'))
  })
})
