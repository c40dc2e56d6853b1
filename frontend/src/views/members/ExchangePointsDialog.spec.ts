import { describe, expect, it, vi } from 'vitest'
import { DOMWrapper, flushPromises, mount } from '@vue/test-utils'
import { getActivePinia } from 'pinia'
import ElementPlus from 'element-plus'
import ExchangePointsDialog from './ExchangePointsDialog.vue'
import { i18n } from '@/i18n'
import { useMemberStore } from '@/stores/member'
import { errorsBody, fakeServer, type FakeResponse } from '@/testing/fakeHttp'
import { aCouponTemplate, aMemberDetail } from '@/testing/loyaltyFixtures'

const body = () => new DOMWrapper(document.body)
const templates = [
  aCouponTemplate({ id: 1, name: '满 100 减 20', points_cost: null }),
  aCouponTemplate({ id: 2, name: '10 元无门槛券', value: '10.00', min_spend: '0.00', points_cost: 1000 }),
  aCouponTemplate({ id: 3, name: '50 元券', value: '50.00', points_cost: 5000 }),
]

async function openDialog(onExchange: () => FakeResponse) {
  const requests = fakeServer((config) => {
    if (config.method === 'post') return onExchange()
    if (config.url === '/coupon-templates') return { status: 200, data: { data: templates, meta: { total: 3, page: 1, per_page: 100 } } }
    if (config.url === '/members/101') return { status: 200, data: aMemberDetail({ points_balance: 280 }) }
    return { status: 200, data: { data: [], meta: { total: 0, page: 1, per_page: 20 } } }
  })
  const member = aMemberDetail()
  useMemberStore().record = member
  const wrapper = mount(ExchangePointsDialog, {
    props: { modelValue: false, member },
    global: { plugins: [getActivePinia()!, i18n, ElementPlus] },
    attachTo: document.body,
  })
  await wrapper.setProps({ modelValue: true })
  await flushPromises()
  return { wrapper, requests }
}

const choices = () => body().findAll('.el-dialog .el-radio')

describe('exchanging points for a coupon', () => {
  it('offers only templates with a points price, and only those the balance covers', async () => {
    await openDialog(() => ({ status: 201, data: {} }))
    expect(choices().map((c) => c.find('.choice-name').text())).toEqual(['10 元无门槛券', '50 元券'])
    expect(choices().map((c) => c.classes().includes('is-disabled'))).toEqual([false, true])
  })

  it('exchanges with an Idempotency-Key and closes, updating the balance', async () => {
    const { wrapper, requests } = await openDialog(() => ({
      status: 201,
      data: { coupon: { code: 'PTS000000001', template_id: 2, expires_at: null }, points_balance: 280 },
    }))
    await choices()[0]!.trigger('click')
    await body().get('[data-testid="exchange-submit"]').trigger('click')
    await flushPromises()

    const post = requests.find((r) => r.method === 'post')!
    expect(post.url).toBe('/members/101/points/exchange')
    expect(JSON.parse(post.data as string)).toEqual({ template_id: 2 })
    expect(post.headers.get('Idempotency-Key')).toBeTruthy()
    expect(wrapper.emitted('update:modelValue')).toEqual([[false]])
    await vi.waitFor(() => expect(useMemberStore().record?.points_balance).toBe(280))
  })

  it('says plainly when the points do not cover it (409 insufficient_points)', async () => {
    const { wrapper } = await openDialog(() => ({
      status: 409,
      data: errorsBody({ message: 'Needs 1000 points; the balance is 900', code: 'insufficient_points' }),
    }))
    await choices()[0]!.trigger('click')
    await body().get('[data-testid="exchange-submit"]').trigger('click')
    await flushPromises()

    expect(body().text()).toContain('积分不足，无法兑换这张券。')
    expect(wrapper.emitted('update:modelValue')).toBeUndefined()
  })
})
