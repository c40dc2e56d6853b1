import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { getActivePinia } from 'pinia'
import ElementPlus from 'element-plus'
import MemberHeader from './MemberHeader.vue'
import { i18n } from '@/i18n'
import { useSessionStore } from '@/stores/session'
import { StaffRole } from '@/enums/staff'
import { aMemberDetail } from '@/testing/loyaltyFixtures'

function headerFor(role: StaffRole) {
  useSessionStore().start('tok', { id: 7, name: '张导购', role, store_id: role === StaffRole.Guide || role === StaffRole.StoreManager ? 3 : null })
  return mount(MemberHeader, { props: { member: aMemberDetail() }, global: { plugins: [getActivePinia()!, i18n, ElementPlus] } })
}

const offered = (wrapper: ReturnType<typeof headerFor>) =>
  ['adjust-points', 'merge-member', 'change-owner'].filter((id) => wrapper.find(`[data-testid="${id}"]`).exists())

describe('the member header', () => {
  it('shows who the member is: masked phone, tier, points, guide, referral code, progress', () => {
    const header = headerFor(StaffRole.Guide)
    const text = header.text()
    expect(text).toContain('李小姐')
    expect(text).toContain('138****0001')
    expect(header.get('[data-testid="tier-badge"]').text()).toBe('金卡 Gold')
    expect(header.get('[data-testid="points-balance"]').text()).toBe('1280')
    expect(text).toContain('张导购')
    expect(text).toContain('R8K2P')
    expect(text).toContain('再消费 ¥3,000.00 升级为platinum')
  })

  it('offers a guide none of the admin actions, nor changing the owner', () => {
    expect(offered(headerFor(StaffRole.Guide))).toEqual([])
  })

  it('lets a store manager and an HQ operator change the owner, but not adjust or merge', () => {
    expect(offered(headerFor(StaffRole.StoreManager))).toEqual(['change-owner'])
    expect(offered(headerFor(StaffRole.HqOperator))).toEqual(['change-owner'])
  })

  it('gives an admin the points adjustment and the merge', () => {
    expect(offered(headerFor(StaffRole.Admin))).toEqual(['adjust-points', 'merge-member', 'change-owner'])
  })
})
