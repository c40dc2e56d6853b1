import { describe, expect, it, vi } from 'vitest'
import { DOMWrapper, flushPromises, mount } from '@vue/test-utils'
import { getActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import ElementPlus, { ElMessageBox } from 'element-plus'
import type { InternalAxiosRequestConfig } from 'axios'
import ContactListView from './ContactListView.vue'
import type { WecomContact } from '@/api/wecom'
import { i18n } from '@/i18n'
import { StaffRole } from '@/enums/staff'
import { useSessionStore } from '@/stores/session'
import { fakeServer } from '@/testing/fakeHttp'
import { aMember } from '@/testing/loyaltyFixtures'
import { aContact } from '@/testing/wecomFixtures'

const body = () => new DOMWrapper(document.body)
const BOUND = aContact({ id: 32, name: '王先生', external_userid: 'wmEXT0032', member: { id: 102, name: '王先生', member_no: 'M00000102', phone: '139****0002' } })

async function openList(role: StaffRole, contacts: WecomContact[] = [aContact(), BOUND]) {
  useSessionStore().start('tok', { id: 7, name: '张导购', role, store_id: role === StaffRole.Guide ? 3 : null })
  const requests = fakeServer((config) => {
    if (config.url === '/members') return { status: 200, data: { data: [aMember()], meta: { total: 1, page: 1, per_page: 20 } } }
    if (config.method === 'put' || config.method === 'delete') return { status: config.method === 'put' ? 200 : 204, data: contacts[0] }
    return { status: 200, data: { data: contacts, meta: { total: contacts.length, page: 1, per_page: 20 } } }
  })
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/wecom/contacts', name: 'wecom-contacts', component: ContactListView },
      { path: '/wecom/sync', name: 'wecom-sync', component: { template: '<p>sync</p>' } },
      { path: '/members/:id', name: 'member', component: { template: '<p>member</p>' } },
    ],
  })
  await router.push('/wecom/contacts')
  const wrapper = mount(ContactListView, { global: { plugins: [getActivePinia()!, i18n, router, ElementPlus] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, requests }
}

const writes = (requests: InternalAxiosRequestConfig[]) =>
  requests.filter((r) => r.method !== 'get').map((r) => ({ method: r.method, url: r.url, body: r.data ? JSON.parse(r.data as string) : null }))

describe('the WeCom contacts list', () => {
  it('shows each contact with the member they are bound to, their guide, channel and tags', async () => {
    const { wrapper } = await openList(StaffRole.HqOperator)
    const table = wrapper.get('[data-testid="contacts-table"]')
    expect(table.text()).toContain('李小姐')
    expect(table.text()).toContain('张导购')
    expect(table.text()).toContain('渠道：国贸店海报')
    expect(table.text()).toContain('咖啡')
    const link = wrapper.get('[data-testid="bound-member"]')
    expect(link.text()).toBe('王先生')
    expect(link.attributes('href')).toBe('/members/102')
  })

  it('lets HQ bind a contact to a member found by the members search', async () => {
    const { wrapper, requests } = await openList(StaffRole.HqOperator)
    await wrapper.get('[data-testid="bind-31"]').trigger('click')
    await flushPromises()

    const search = body().get('[data-testid="bind-member-dialog"] .el-select input')
    await search.trigger('focus')
    await search.setValue('138')
    await vi.waitFor(() => expect(requests.some((r) => r.url === '/members' && r.params?.q === '138')).toBe(true), { timeout: 5000 })
    await flushPromises()
    // Other selects' options are in <body> too: pick the member's.
    const option = () => body().findAll('.el-select-dropdown__item').find((item) => item.text().includes('M00000101'))
    await vi.waitFor(() => expect(option()).toBeDefined(), { timeout: 5000 })
    await option()!.trigger('click')
    await body().get('[data-testid="bind-member-submit"]').trigger('click')
    await flushPromises()

    expect(writes(requests)).toEqual([{ method: 'put', url: '/wecom/contacts/31/member', body: { member_id: 101 } }])
    expect(requests.filter((r) => r.url === '/wecom/contacts')).toHaveLength(2)
  })

  it('unbinds only after the person confirms', async () => {
    const confirm = vi.spyOn(ElMessageBox, 'confirm').mockRejectedValueOnce('cancel').mockResolvedValueOnce('confirm' as never)
    const { wrapper, requests } = await openList(StaffRole.Admin)

    await wrapper.get('[data-testid="unbind-32"]').trigger('click')
    await flushPromises()
    expect(writes(requests)).toEqual([])

    await wrapper.get('[data-testid="unbind-32"]').trigger('click')
    await flushPromises()
    expect(String(confirm.mock.calls[1]![0])).toContain('解除「王先生」与会员 王先生（M00000102）的绑定')
    expect(writes(requests)).toEqual([{ method: 'delete', url: '/wecom/contacts/32/member', body: null }])
  })

  it('shows a guide their contacts without binding actions or the guide filter, and says how to get contacts', async () => {
    const { wrapper, requests } = await openList(StaffRole.Guide)
    expect(wrapper.get('h1').text()).toBe('我的企业微信客户')
    expect(wrapper.find('[data-testid="bind-31"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="unbind-32"]').exists()).toBe(false)
    expect(wrapper.findAll('.filters .el-select')).toHaveLength(2) // bound and status only
    expect(requests.filter((r) => r.url === '/staff' || r.url === '/wecom/channel-codes')).toHaveLength(0)

    const empty = await openList(StaffRole.Guide, [])
    expect(empty.wrapper.get('[data-testid="list-empty"]').text()).toContain('请顾客扫描你的渠道活码')
  })

  it('sends the filters as the API names them', async () => {
    const { wrapper, requests } = await openList(StaffRole.HqOperator)
    await wrapper.get('input[data-testid="contacts-search"]').setValue(' 李 ')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    const last = requests.filter((r) => r.url === '/wecom/contacts').at(-1)!
    expect(last.params).toEqual({ q: '李', page: 1, per_page: 20 })
  })
})
