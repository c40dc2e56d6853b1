import { describe, expect, it, vi } from 'vitest'
import { DOMWrapper, flushPromises, mount } from '@vue/test-utils'
import { getActivePinia } from 'pinia'
import ElementPlus from 'element-plus'
import CouponTemplateFormDialog from './CouponTemplateFormDialog.vue'
import { i18n } from '@/i18n'
import { errorsBody, fakeServer, type FakeResponse } from '@/testing/fakeHttp'
import { aCouponTemplate } from '@/testing/loyaltyFixtures'

const body = () => new DOMWrapper(document.body)
const valueItem = () => body().get('[data-testid="coupon-value"]')

async function openForm(onCreate: () => FakeResponse = () => ({ status: 201, data: aCouponTemplate() })) {
  const requests = fakeServer((config) =>
    config.method === 'post' ? onCreate() : { status: 200, data: { data: [], meta: { total: 0, page: 1, per_page: 20 } } }
  )
  const wrapper = mount(CouponTemplateFormDialog, { props: { modelValue: false }, global: { plugins: [getActivePinia()!, i18n, ElementPlus] }, attachTo: document.body })
  await wrapper.setProps({ modelValue: true })
  await flushPromises()
  return { wrapper, requests }
}

async function fillBasics(name: string, value: string) {
  const inputs = body().findAll('.el-dialog input')
  await inputs[0]!.setValue(name)
  await valueItem().get('input').setValue(value)
}

const chooseKind = (label: string) => body().findAll('.el-radio-button').find((b) => b.text() === label)!.trigger('click')

describe('creating a coupon template', () => {
  it('labels the value by kind: yuan off, percent off, or the gift’s value', async () => {
    await openForm()
    expect(valueItem().get('.el-form-item__label').text()).toBe('减免金额')
    expect(valueItem().get('.el-input-group__append').text()).toBe('元')
    await chooseKind('折扣券')
    expect(valueItem().get('.el-form-item__label').text()).toBe('折扣（减免百分比）')
    expect(valueItem().get('.el-input-group__append').text()).toBe('% off')
    await chooseKind('赠品券')
    expect(valueItem().get('.el-form-item__label').text()).toBe('赠品价值')
  })

  it('refuses a percentage of 100 or more before sending', async () => {
    const { requests } = await openForm()
    await chooseKind('折扣券')
    await fillBasics('全场 85 折', '150')
    await body().get('[data-testid="coupon-form-submit"]').trigger('click')
    await flushPromises()
    expect(requests.filter((r) => r.method === 'post')).toHaveLength(0)
    await vi.waitFor(() => expect(valueItem().text()).toContain('折扣需在 0 到 100 之间'))
  })

  it('sends the value as a decimal string with validity in days, and shows a taken code under the code', async () => {
    const { wrapper, requests } = await openForm(() => ({
      status: 409,
      data: errorsBody({ message: 'Template code SPRING20 is already used', code: 'template_code_taken', field: 'code' }),
    }))
    await fillBasics('春季满 100 减 20', '20')
    await body().findAll('.el-dialog input')[1]!.setValue('SPRING20')
    await body().get('[data-testid="coupon-form-submit"]').trigger('click')
    await flushPromises()

    const sent = JSON.parse(requests.find((r) => r.method === 'post')!.data as string)
    expect(sent).toEqual({ name: '春季满 100 减 20', kind: 'amount_off', value: '20', channels: ['online', 'offline'], code: 'SPRING20', valid_days: 30 })
    await vi.waitFor(() => expect(body().findAll('.el-form-item__error').map((e) => e.text())).toEqual(['Template code SPRING20 is already used']))
    expect(body().find('.el-dialog .el-alert').exists()).toBe(false)
    expect(wrapper.emitted('update:modelValue')).toBeUndefined()
  })
})
