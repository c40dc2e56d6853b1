import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { getActivePinia } from 'pinia'
import ElementPlus from 'element-plus'
import TierProgressBar from './TierProgressBar.vue'
import type { TierProgress } from '@/api/members'
import { i18n } from '@/i18n'
import { useTiersStore } from '@/stores/tiers'
import { LADDER } from '@/testing/loyaltyFixtures'

function mountBar(progress: TierProgress) {
  useTiersStore().records = LADDER
  return mount(TierProgressBar, { props: { progress }, global: { plugins: [getActivePinia()!, i18n, ElementPlus] } })
}

describe('the tier progress bar', () => {
  it('says how much more to spend for the next tier and fills to spend / threshold', () => {
    const bar = mountBar({ tier: 'gold', tier_name: '金卡 Gold', spend_365d: '6000.00', next_tier: 'platinum', spend_to_next_tier: '2000.00' })
    expect(bar.get('[data-testid="tier-progress-text"]').text()).toBe('再消费 ¥2,000.00 升级为白金 Platinum 75%')
    expect(bar.get('.el-progress-bar__inner').attributes('style')).toContain('width: 75%')
  })

  it('shows no bar at the top tier, only that it is the top', () => {
    const bar = mountBar({ tier: 'diamond', tier_name: '钻石 Diamond', spend_365d: '30000.00', next_tier: null, spend_to_next_tier: null })
    expect(bar.find('[data-testid="tier-progress"]').exists()).toBe(false)
    expect(bar.get('[data-testid="tier-top"]').text()).toBe('已是最高等级')
  })
})
