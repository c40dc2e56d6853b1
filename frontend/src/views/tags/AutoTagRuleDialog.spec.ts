import { describe, expect, it, vi } from 'vitest'
import { DOMWrapper, flushPromises, mount } from '@vue/test-utils'
import { getActivePinia } from 'pinia'
import ElementPlus from 'element-plus'
import AutoTagRuleDialog from './AutoTagRuleDialog.vue'
import type { AutoTagRule } from '@/api/autoTagRules'
import { AutoTagRuleStatus } from '@/enums/tag'
import { i18n } from '@/i18n'
import { errorsBody, fakeServer } from '@/testing/fakeHttp'

const RULE: AutoTagRule = {
  id: 4,
  name: '女性 VIP',
  tag_code: 'vip_female',
  tag_name: '女性 VIP',
  definition: { any: [{ tag: 'vip' }, { attr: 'gender', op: 'eq', value: 'female' }] },
  remove_when_unmatched: false,
  status: AutoTagRuleStatus.Active,
  last_run_at: null,
  created_at: '2025-04-01T00:00:00.000Z',
  updated_at: '2025-04-01T00:00:00.000Z',
}

describe('editing an auto-tag rule', () => {
  it('sends the rule with its definition, and puts the server’s errors under the field and on the condition they name', async () => {
    const requests = fakeServer((config) => {
      if (config.method === 'patch')
        return {
          status: 422,
          data: errorsBody(
            { field: 'tag_code', message: 'Unknown tag vip_female', code: 'exists' },
            { field: 'any[1].value', message: 'gender compares with a enum value', code: 'type' }
          ),
        }
      if (config.url === '/segments/preview') return { status: 200, data: { count: 17, members: [] } }
      return { status: 200, data: { data: [], meta: { total: 0, page: 1, per_page: 20 } } }
    })
    const wrapper = mount(AutoTagRuleDialog, { props: { modelValue: false, rule: RULE }, global: { plugins: [getActivePinia()!, i18n, ElementPlus] }, attachTo: document.body })
    await wrapper.setProps({ modelValue: true })
    await flushPromises()
    const body = new DOMWrapper(document.body)
    await vi.waitFor(() => expect(body.get('[data-testid="rule-count"]').text()).toBe('当前符合：17 位会员'), { timeout: 2000 })

    await body.get('[data-testid="rule-submit"]').trigger('click')
    await flushPromises()

    const sent = JSON.parse(requests.find((r) => r.method === 'patch')!.data as string)
    expect(sent).toEqual({ name: '女性 VIP', tag_code: 'vip_female', definition: RULE.definition, remove_when_unmatched: false, status: 'active' })
    await vi.waitFor(() => expect(body.findAll('.el-form-item__error').map((e) => e.text())).toEqual(['Unknown tag vip_female']))
    const rows = body.findAll('.condition-row')
    expect(rows[1]!.findAll('[data-testid="row-error"]').map((e) => e.text())).toEqual(['gender compares with a enum value'])
    expect(rows[0]!.findAll('[data-testid="row-error"]')).toHaveLength(0)
    expect(wrapper.emitted('update:modelValue')).toBeUndefined()
  })
})
