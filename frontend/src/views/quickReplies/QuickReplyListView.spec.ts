import { describe, expect, it, vi } from 'vitest'
import { DOMWrapper, flushPromises, mount } from '@vue/test-utils'
import { getActivePinia } from 'pinia'
import ElementPlus, { ElMessageBox } from 'element-plus'
import type { InternalAxiosRequestConfig } from 'axios'
import QuickReplyListView from './QuickReplyListView.vue'
import { i18n } from '@/i18n'
import { QuickReplyScope } from '@/enums/chat'
import { StaffRole } from '@/enums/staff'
import { useSessionStore } from '@/stores/session'
import { fakeServer } from '@/testing/fakeHttp'
import { aQuickReply } from '@/testing/chatFixtures'

const body = () => new DOMWrapper(document.body)
const REPLIES = [
  aQuickReply({ id: 1, scope: QuickReplyScope.Corp, category: '问候' }),
  aQuickReply({ id: 2, scope: QuickReplyScope.Store, store_id: 3, category: '售后', title: '退货', content: '退货请带小票' }),
  aQuickReply({ id: 3, scope: QuickReplyScope.Personal, staff_id: 7, category: '问候', title: '我的开场白', content: '<b>hi</b> {{member.name}}' }),
]

async function openPage(role: StaffRole) {
  useSessionStore().start('tok', { id: 7, name: '张导购', role, store_id: 3 })
  const requests = fakeServer((config) => {
    if (config.method === 'post') return { status: 201, data: { ...REPLIES[2], id: 9, ...JSON.parse(config.data as string) } }
    if (config.method === 'delete') return { status: 204 }
    return { status: 200, data: { data: REPLIES, meta: { total: 3, page: 1, per_page: 50 } } }
  })
  const wrapper = mount(QuickReplyListView, { global: { plugins: [getActivePinia()!, i18n, ElementPlus] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, requests }
}

const writes = (requests: InternalAxiosRequestConfig[]) => requests.filter((r) => r.method !== 'get').map((r) => ({ method: r.method, url: r.url, body: r.data ? JSON.parse(r.data as string) : null }))

describe('quick replies', () => {
  it('are listed by category with their scope, text shown as text', async () => {
    const { wrapper } = await openPage(StaffRole.Guide)
    expect(wrapper.findAll('h2').map((h) => h.text())).toEqual(['问候 2', '售后 1'])
    expect(wrapper.get('[data-testid="quick-reply-row-3"]').text()).toContain('<b>hi</b> {{member.name}}')
    expect(wrapper.get('[data-testid="quick-reply-row-2"]').text()).toContain('门店')
    expect(wrapper.get('[data-testid="quick-reply-variables"]').text()).toContain('{{member.tier}}')
  })

  it('can be changed by a guide only when they are the guide’s own', async () => {
    const { wrapper } = await openPage(StaffRole.Guide)
    expect(['1', '2', '3'].map((id) => wrapper.find(`[data-testid="quick-reply-edit-${id}"]`).exists())).toEqual([false, false, true])
  })

  it('lets a store manager look after the store’s replies', async () => {
    const { wrapper, requests } = await openPage(StaffRole.StoreManager)
    expect(['1', '2', '3'].map((id) => wrapper.find(`[data-testid="quick-reply-delete-${id}"]`).exists())).toEqual([false, true, true])
    vi.spyOn(ElMessageBox, 'confirm').mockResolvedValue('confirm' as never)
    await wrapper.get('[data-testid="quick-reply-delete-2"]').trigger('click')
    await flushPromises()
    expect(writes(requests)).toEqual([{ method: 'delete', url: '/quick-replies/2', body: null }])
  })

  it('writes a personal reply with a variable and shows it filled for a sample customer', async () => {
    const { wrapper, requests } = await openPage(StaffRole.Guide)
    await wrapper.get('[data-testid="quick-reply-create"]').trigger('click')
    await flushPromises()
    const form = body().get('[data-testid="quick-reply-form"]')
    expect(form.findAll('[data-testid="quick-reply-scope"] .el-radio-button').map((b) => b.text())).toEqual(['个人'])

    await form.get('[data-testid="quick-reply-category"] input').setValue('问候')
    await form.get('[data-testid="quick-reply-category"] input').trigger('keydown', { key: 'Enter' })
    await form.get('input[data-testid="quick-reply-title"]').setValue('生日')
    await form.get('textarea[data-testid="quick-reply-content"]').setValue('生日快乐，')
    await form.findAll('.variable')[0]!.trigger('click')
    await flushPromises()
    expect(form.get('[data-testid="quick-reply-preview"]').text()).toContain('生日快乐，李小姐')

    await body().get('[data-testid="quick-reply-submit"]').trigger('click')
    await flushPromises()
    expect(writes(requests)).toEqual([{ method: 'post', url: '/quick-replies', body: { scope: 'personal', category: '问候', title: '生日', content: '生日快乐，{{member.name}}' } }])
  })
})
