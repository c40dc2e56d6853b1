import type { QueryClientContract } from '@adonisjs/lucid/types/database'

/**
 * Configuration rows every installation starts with; editable afterwards. Inserted by the
 * loyalty migration, and again after the tests empty the tables.
 */
export const DEFAULT_TIERS = [
  { code: 'member', name: '普通会员 Member', threshold: '0.00', multiplier: '1.00', rank: 0, benefits: '消费积分 1 倍' },
  { code: 'gold', name: '金卡 Gold', threshold: '2000.00', multiplier: '1.20', rank: 1, benefits: '消费积分 1.2 倍；生日礼券' },
  { code: 'platinum', name: '白金 Platinum', threshold: '8000.00', multiplier: '1.50', rank: 2, benefits: '消费积分 1.5 倍；生日礼券；新品优先' },
  { code: 'diamond', name: '钻石 Diamond', threshold: '20000.00', multiplier: '2.00', rank: 3, benefits: '消费积分 2 倍；生日礼券；专属导购' },
]

export async function insertReferenceData(client: QueryClientContract) {
  const now = new Date()
  const existing = await client.from('tiers').count('* as total')
  if (Number(existing[0].total) === 0) {
    await client.table('tiers').multiInsert(DEFAULT_TIERS.map((tier) => ({ ...tier, created_at: now, updated_at: now })))
  }
}
