import { describe, expect, it } from 'vitest'
import { DOMWrapper, flushPromises, mount } from '@vue/test-utils'
import { getActivePinia } from 'pinia'
import ElementPlus from 'element-plus'
import AttrEditor from './AttrEditor.vue'
import type { AttrCondition } from '@/segments/definition'
import { i18n } from '@/i18n'
import { fakeServer } from '@/testing/fakeHttp'

function editor(condition: AttrCondition) {
  fakeServer(() => ({ status: 200, data: { data: [] } }))
  return mount(AttrEditor, { props: { modelValue: condition }, global: { plugins: [getActivePinia()!, i18n, ElementPlus] }, attachTo: document.body })
}

async function choose(wrapper: ReturnType<typeof editor>, testId: string, label: string) {
  await wrapper.get(`[data-testid="${testId}"] .el-select__wrapper`).trigger('click')
  await flushPromises()
  const option = new DOMWrapper(document.body).findAll('.el-select-dropdown__item').find((item) => item.text() === label && item.isVisible())
  await option!.trigger('click')
  await flushPromises()
}

const last = (wrapper: ReturnType<typeof editor>) => wrapper.emitted('update:modelValue')!.at(-1)![0]

describe('an attribute condition', () => {
  it('turns one value into a [from, to] pair when the operator becomes “between”', async () => {
    const wrapper = editor({ attr: 'days_since_last_purchase', op: 'gte', value: 30 })
    await choose(wrapper, 'attr-op', '介于')
    expect(last(wrapper)).toEqual({ attr: 'days_since_last_purchase', op: 'between', value: [30, 30] })
  })

  it('offers a gender only the operators it allows, and starts it with a value of its own', async () => {
    const wrapper = editor({ attr: 'days_since_last_purchase', op: 'gte', value: 30 })
    await choose(wrapper, 'attr-field', '性别')
    expect(last(wrapper)).toEqual({ attr: 'gender', op: 'eq', value: 'male' })

    await wrapper.setProps({ modelValue: last(wrapper) as AttrCondition })
    await wrapper.get('[data-testid="attr-op"] .el-select__wrapper').trigger('click')
    await flushPromises()
    const offered = new DOMWrapper(document.body).findAll('.el-select-dropdown__item').filter((item) => item.isVisible()).map((item) => item.text())
    expect(offered).toEqual(['等于', '不等于', '属于', '不属于', '为空', '不为空'])
  })
})
