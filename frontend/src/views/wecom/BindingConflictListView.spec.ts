import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { getActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import ElementPlus, { ElMessageBox } from 'element-plus'
import BindingConflictListView from './BindingConflictListView.vue'
import type { BindingConflict } from '@/api/wecom'
import { BindingConflictReason } from '@/enums/wecom'
import { i18n } from '@/i18n'
import { fakeServer } from '@/testing/fakeHttp'

const CONFLICT: BindingConflict = {
  id: 5,
  contact: { id: 31, name: '李小姐', external_userid: 'wmEXT0031' },
  reason: BindingConflictReason.Phone,
  candidates: [
    { id: 101, name: '李小姐', member_no: 'M00000101', phone: '13800000001' },
    { id: 205, name: '李女士', member_no: 'M00000205', phone: '13800000001' },
  ],
  created_at: '2025-05-01T02:00:00.000Z',
}

async function openPage() {
  let open = [CONFLICT]
  const requests = fakeServer((config) => {
    if (config.method === 'put') {
      open = []
      return { status: 200, data: {} }
    }
    return { status: 200, data: { data: open, meta: { total: open.length, page: 1, per_page: 20 } } }
  })
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/members/:id', name: 'member', component: { template: '<p />' } }] })
  const wrapper = mount(BindingConflictListView, { global: { plugins: [getActivePinia()!, i18n, router, ElementPlus] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, requests }
}

describe('settling binding conflicts', () => {
  it('lists each contact with why it is ambiguous and who it could be', async () => {
    const { wrapper } = await openPage()
    const table = wrapper.get('[data-testid="conflicts-table"]').text()
    expect(table).toContain('多位会员的手机号相同')
    expect(table).toContain('M00000101')
    expect(table).toContain('M00000205')
  })

  it('binds the contact to the candidate picked, once confirmed, and drops the settled conflict', async () => {
    const confirm = vi.spyOn(ElMessageBox, 'confirm').mockResolvedValue('confirm' as never)
    const { wrapper, requests } = await openPage()

    await wrapper.get('[data-testid="pick-5-205"]').trigger('click')
    await flushPromises()

    expect(String(confirm.mock.calls[0]![0])).toContain('把「李小姐」绑定到 李女士（M00000205）')
    const put = requests.find((r) => r.method === 'put')!
    expect(put.url).toBe('/wecom/contacts/31/member')
    expect(JSON.parse(put.data as string)).toEqual({ member_id: 205 })
    expect(wrapper.get('[data-testid="list-empty"]').text()).toContain('没有待处理的绑定冲突')
  })
})
