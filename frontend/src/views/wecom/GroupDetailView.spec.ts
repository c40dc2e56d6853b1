import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { getActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import ElementPlus from 'element-plus'
import GroupDetailView from './GroupDetailView.vue'
import type { WecomGroupDetail } from '@/api/wecom'
import { GroupChange, GroupMemberType, GroupStatus } from '@/enums/wecom'
import { i18n } from '@/i18n'
import { fakeServer } from '@/testing/fakeHttp'

const GROUP: WecomGroupDetail = {
  id: 5,
  chat_id: 'wrCHAT5',
  name: '国贸店 VIP 群',
  owner: { wecom_userid: 'zhangsan', staff: { id: 7, name: '张导购' } },
  notice: '周末咖啡买一送一',
  status: GroupStatus.Active,
  member_count: 2,
  bound_member_count: 1,
  created_at: '2025-04-01T02:00:00.000Z',
  dismissed_at: null,
  members: [
    { id: 1, type: GroupMemberType.Staff, userid: 'zhangsan', name: '张导购', member: null, join_time: '2025-04-01T02:00:00.000Z', join_scene: null, invitor: null },
    {
      id: 2,
      type: GroupMemberType.External,
      userid: 'wmEXT0031',
      name: '李小姐',
      member: { id: 101, name: '李小姐', member_no: 'M00000101' },
      join_time: '2025-04-02T02:00:00.000Z',
      join_scene: 3,
      invitor: 'zhangsan',
    },
  ],
  history: [
    { id: 1, change: GroupChange.Create, detail: { owner: 'zhangsan' }, at: '2025-04-01T02:00:00.000Z' },
    { id: 2, change: GroupChange.AddMember, detail: { added: ['wmEXT0031'] }, at: '2025-04-02T02:00:00.000Z' },
    { id: 3, change: GroupChange.ChangeName, detail: { name: '国贸店 VIP 群' }, at: '2025-04-03T02:00:00.000Z' },
  ],
}

async function openGroup() {
  const requests = fakeServer(() => ({ status: 200, data: GROUP }))
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/wecom/groups', name: 'wecom-groups', component: { template: '<p />' } },
      { path: '/members/:id', name: 'member', component: { template: '<p />' } },
    ],
  })
  const wrapper = mount(GroupDetailView, { props: { id: 5 }, global: { plugins: [getActivePinia()!, i18n, router, ElementPlus] } })
  await flushPromises()
  return { wrapper, requests }
}

describe('a customer group', () => {
  it('lists who is in it, which members they are, and how and when they joined', async () => {
    const { wrapper, requests } = await openGroup()
    expect(requests.map((r) => r.url)).toEqual(['/wecom/groups/5'])
    expect(wrapper.get('h1').text()).toBe('国贸店 VIP 群')
    const members = wrapper.get('[data-testid="group-members"]')
    expect(members.text()).toContain('扫描群二维码')
    expect(members.text()).toContain('邀请人：张导购')
    expect(members.get('a').attributes('href')).toBe('/members/101')
  })

  it('tells its history newest first, naming people the server recorded by id', async () => {
    const { wrapper } = await openGroup()
    const items = wrapper.get('[data-testid="group-history"]').findAll('.el-timeline-item__content').map((item) => item.text())
    expect(items).toEqual(['群名改为「国贸店 VIP 群」', '李小姐加入了群聊', '张导购创建了群聊'])
  })
})
