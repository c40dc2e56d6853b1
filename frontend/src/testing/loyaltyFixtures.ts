import type { Member, MemberDetail } from '@/api/members'
import type { CouponTemplate } from '@/api/couponTemplates'
import type { Tier } from '@/api/tiers'
import { CouponChannel, CouponKind, CouponTemplateStatus, MemberStatus } from '@/enums/loyalty'

/** The default ladder of a new installation (backend/database/reference_data.ts). */
export const LADDER: Tier[] = [
  { id: 1, code: 'member', name: '普通会员 Member', threshold: '0.00', multiplier: '1.00', rank: 0, benefits: '消费积分 1 倍' },
  { id: 2, code: 'gold', name: '金卡 Gold', threshold: '2000.00', multiplier: '1.20', rank: 1, benefits: null },
  { id: 3, code: 'platinum', name: '白金 Platinum', threshold: '8000.00', multiplier: '1.50', rank: 2, benefits: null },
  { id: 4, code: 'diamond', name: '钻石 Diamond', threshold: '20000.00', multiplier: '2.00', rank: 3, benefits: null },
]

export function aMember(overrides: Partial<Member> = {}): Member {
  return {
    id: 101,
    member_no: 'M00000101',
    name: '李小姐',
    phone: '13800000001',
    phone_masked: '138****0001',
    gender: 'female',
    birthday: null,
    tier: 'gold',
    tier_name: '金卡 Gold',
    points_balance: 1280,
    spend_365d: '5000.00',
    register_channel: 'pos',
    register_store: { id: 3, code: 'BJ001', name: '北京国贸店' },
    owner: { id: 7, name: '张导购' },
    marketing_consent: true,
    referral_code: 'R8K2P',
    status: MemberStatus.Active,
    created_at: '2024-03-01T02:00:00.000Z',
    ...overrides,
  }
}

/** A gold member ¥3000 short of platinum (¥5000 of ¥8000). */
export function aMemberDetail(overrides: Partial<MemberDetail> = {}): MemberDetail {
  return {
    ...aMember(),
    tier_progress: { tier: 'gold', tier_name: '金卡 Gold', spend_365d: '5000.00', next_tier: 'platinum', spend_to_next_tier: '3000.00' },
    usable_coupons: 2,
    ...overrides,
  }
}

export function aCouponTemplate(overrides: Partial<CouponTemplate> = {}): CouponTemplate {
  return {
    id: 9,
    code: 'SPRING20',
    name: '春季满 100 减 20',
    kind: CouponKind.AmountOff,
    value: '20.00',
    min_spend: '100.00',
    valid_days: 30,
    valid_from: null,
    valid_to: null,
    channels: [CouponChannel.Online, CouponChannel.Offline],
    store_ids: null,
    total_stock: 500,
    issued_count: 120,
    per_member_limit: 1,
    points_cost: null,
    status: CouponTemplateStatus.Active,
    created_at: '2025-03-01T00:00:00.000Z',
    ...overrides,
  }
}
