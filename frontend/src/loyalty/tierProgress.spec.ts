import { describe, expect, it } from 'vitest'
import { tierProgressView } from './tierProgress'
import { LADDER } from '@/testing/loyaltyFixtures'

const goldWith = (spend: string, missing: string) => ({
  tier: 'gold',
  tier_name: '金卡 Gold',
  spend_365d: spend,
  next_tier: 'platinum',
  spend_to_next_tier: missing,
})

describe('progress to the next tier', () => {
  it('is the 365-day spend over the next tier’s threshold', () => {
    const view = tierProgressView(goldWith('6000.00', '2000.00'), LADDER)
    expect(view).toEqual({ percent: 75, missing: '2000.00', nextTierCode: 'platinum', nextTierName: '白金 Platinum' })
  })

  it('rounds down, so a member one fen short is not shown as there', () => {
    expect(tierProgressView(goldWith('7999.99', '0.01'), LADDER)?.percent).toBe(99)
  })

  it('works from the API’s own numbers when the ladder is not loaded', () => {
    const view = tierProgressView(goldWith('2000.00', '6000.00'))
    expect(view?.percent).toBe(25)
    expect(view?.nextTierName).toBe('platinum')
  })

  it('counts from zero for a member who has spent nothing', () => {
    const newcomer = { tier: 'member', tier_name: '普通会员 Member', spend_365d: '0.00', next_tier: 'gold', spend_to_next_tier: '2000.00' }
    expect(tierProgressView(newcomer, LADDER)?.percent).toBe(0)
  })

  it('is nothing at the top tier', () => {
    const top = { tier: 'diamond', tier_name: '钻石 Diamond', spend_365d: '30000.00', next_tier: null, spend_to_next_tier: null }
    expect(tierProgressView(top, LADDER)).toBeNull()
  })
})
