import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { getActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import ElementPlus from 'element-plus'
import MemberListView from './MemberListView.vue'
import { i18n } from '@/i18n'
import { StaffRole } from '@/enums/staff'
import { useSessionStore } from '@/stores/session'
import { fakeServer } from '@/testing/fakeHttp'
import { aMember, LADDER } from '@/testing/loyaltyFixtures'

function onPhone(matches: boolean) {
  Object.defineProperty(window, 'matchMedia', {
    configurable: true,
    value: (query: string) => ({ matches, media: query, addEventListener() {}, removeEventListener() {} }),
  })
}

afterEach(() => {
  delete (window as { matchMedia?: unknown }).matchMedia
})

async function openList(role: StaffRole, members = [aMember(), aMember({ id: 102, member_no: 'M00000102', name: '王先生' })]) {
  useSessionStore().start('tok', { id: 7, name: '张导购', role, store_id: role === StaffRole.Guide ? 3 : null })
  const requests = fakeServer((config) =>
    config.url === '/tiers'
      ? { status: 200, data: { data: LADDER } }
      : { status: 200, data: { data: members, meta: { total: members.length, page: 1, per_page: 20 } } }
  )
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/members', name: 'members', component: MemberListView },
      { path: '/members/:id', name: 'member', component: { template: '<p>member</p>' } },
    ],
  })
  await router.push('/members')
  const wrapper = mount(MemberListView, { global: { plugins: [getActivePinia()!, i18n, router, ElementPlus] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, router, requests }
}

describe('the members list', () => {
  it('gives a guide on a phone cards, not a wide table, and opens a member from a card', async () => {
    onPhone(true)
    const { wrapper, router } = await openList(StaffRole.Guide)

    expect(wrapper.find('[data-testid="members-table"]').exists()).toBe(false)
    const cards = wrapper.findAll('[data-testid^="member-card-"]')
    expect(cards).toHaveLength(2)
    expect(cards[0]!.text()).toContain('138****0001')
    expect(cards[0]!.text()).toContain('金卡 Gold')

    await cards[1]!.trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/members/102')
  })

  it('calls the page “My customers” for a guide and offers no store or owner filter', async () => {
    const { wrapper } = await openList(StaffRole.Guide)
    expect(wrapper.get('h1').text()).toBe('我的顾客')
    expect(wrapper.findAll('.filters .el-select')).toHaveLength(1)
  })

  it('tells a guide with no customers where they come from', async () => {
    const { wrapper } = await openList(StaffRole.Guide, [])
    expect(wrapper.get('[data-testid="list-empty"]').text()).toContain('店长把会员分配给你后')
  })

  it('shows HQ a table with masked phones, and searches by what was typed', async () => {
    const { wrapper, requests } = await openList(StaffRole.HqOperator)
    expect(wrapper.get('h1').text()).toBe('会员')
    expect(wrapper.get('[data-testid="members-table"]').text()).toContain('138****0001')
    expect(wrapper.get('[data-testid="members-table"]').text()).not.toContain('13800000001')

    await wrapper.get('input[data-testid="members-search"]').setValue(' M00000102 ')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    const last = requests.filter((r) => r.url === '/members').at(-1)!
    expect(last.params).toMatchObject({ q: 'M00000102', page: 1 })
  })
})
