import { describe, expect, it, vi } from 'vitest'
import { DOMWrapper, flushPromises, mount } from '@vue/test-utils'
import { getActivePinia } from 'pinia'
import ElementPlus from 'element-plus'
import type { InternalAxiosRequestConfig } from 'axios'
import AdjustPointsDialog from './AdjustPointsDialog.vue'
import { i18n } from '@/i18n'
import { useMemberStore } from '@/stores/member'
import { aMemberDetail } from '@/testing/loyaltyFixtures'
import { fakeServer } from '@/testing/fakeHttp'

const body = () => new DOMWrapper(document.body)
const posts = (requests: InternalAxiosRequestConfig[]) => requests.filter((r) => r.method === 'post')
const keyOf = (request: InternalAxiosRequestConfig) => request.headers.get('Idempotency-Key')

function answer(config: InternalAxiosRequestConfig) {
  if (config.method === 'post') return { status: 201, data: { entry_id: 1, points: 50, points_balance: 1330 } }
  if (config.url?.endsWith('/points')) return { status: 200, data: { data: [], meta: { total: 0, page: 1, per_page: 20 } } }
  return { status: 200, data: aMemberDetail({ points_balance: 1330 }) }
}

async function openDialog() {
  const member = aMemberDetail()
  useMemberStore().record = member
  const wrapper = mount(AdjustPointsDialog, {
    props: { modelValue: false, member },
    global: { plugins: [getActivePinia()!, i18n, ElementPlus] },
    attachTo: document.body,
  })
  await wrapper.setProps({ modelValue: true })
  await flushPromises()
  return wrapper
}

async function fill(points: string, reason: string) {
  const input = body().get('[data-testid="adjust-points-input"] input')
  await input.setValue(points)
  await input.trigger('change')
  await body().get('textarea[data-testid="adjust-reason"]').setValue(reason)
}

describe('adjusting a member’s points', () => {
  it('posts a double click once, with an Idempotency-Key, and refreshes the balance', async () => {
    const requests = fakeServer(answer)
    const wrapper = await openDialog()
    await fill('50', '补录线下活动积分')

    const submit = body().get('[data-testid="adjust-submit"]')
    await submit.trigger('click')
    await submit.trigger('click')
    await flushPromises()

    expect(posts(requests)).toHaveLength(1)
    expect(posts(requests)[0]!.url).toBe('/members/101/points/adjust')
    expect(JSON.parse(posts(requests)[0]!.data as string)).toEqual({ points: 50, reason: '补录线下活动积分' })
    expect(keyOf(posts(requests)[0]!)).toMatch(/^[0-9a-f-]{36}$/)
    await vi.waitFor(() => expect(useMemberStore().record?.points_balance).toBe(1330))
    expect(wrapper.emitted('update:modelValue')).toEqual([[false]])
  })

  it('keeps the key for a retry in the same opening and takes a new one the next time', async () => {
    let failNext = true
    const requests = fakeServer((config) => {
      if (config.method === 'post' && failNext) {
        failNext = false
        return { status: 503, data: { errors: [{ message: 'redis down' }] } }
      }
      return answer(config)
    })
    const wrapper = await openDialog()
    await fill('-20', '退回误发积分')
    await body().get('[data-testid="adjust-submit"]').trigger('click')
    await flushPromises()
    await body().get('[data-testid="adjust-submit"]').trigger('click')
    await flushPromises()

    await wrapper.setProps({ modelValue: false })
    await wrapper.setProps({ modelValue: true })
    await flushPromises()
    await fill('-20', '退回误发积分')
    await body().get('[data-testid="adjust-submit"]').trigger('click')
    await flushPromises()

    const [failed, retried, nextOpening] = posts(requests)
    expect(keyOf(retried!)).toBe(keyOf(failed!))
    expect(keyOf(nextOpening!)).not.toBe(keyOf(failed!))
  })

  it('sends nothing without a reason', async () => {
    const requests = fakeServer(answer)
    await openDialog()
    await fill('50', '')
    await body().get('[data-testid="adjust-submit"]').trigger('click')
    await flushPromises()
    expect(posts(requests)).toHaveLength(0)
    await vi.waitFor(() => expect(body().text()).toContain('请填写原因'))
  })
})
