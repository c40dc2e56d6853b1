import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'

/**
 * Loyalty rules that HQ may change. Stored as one JSON row; missing keys fall back to the
 * defaults (CONTRACTS section 3 and the loyalty issue).
 */
export type LoyaltySettings = {
  /** When earned points expire: at the end of the calendar year after the one they were earned in, or never. */
  points_expiry: 'end_of_next_year' | 'never'
  /** Points each side of a referral gets after the referee's first paid order. */
  referral_points: number
  /** Template issued in the member's birthday month (null: no birthday gift). */
  birthday_template_code: string | null
}

export const DEFAULT_LOYALTY_SETTINGS: LoyaltySettings = {
  points_expiry: 'end_of_next_year',
  referral_points: 200,
  birthday_template_code: 'BIRTHDAY',
}

export async function loyaltySettings(client: QueryClientContract = db.connection()): Promise<LoyaltySettings> {
  const row = await client.from('settings').where('key', 'loyalty').first()
  const stored = row ? (typeof row.value === 'string' ? JSON.parse(row.value) : row.value) : {}
  return { ...DEFAULT_LOYALTY_SETTINGS, ...stored }
}

export async function saveLoyaltySettings(settings: LoyaltySettings, client: QueryClientContract = db.connection()) {
  await client
    .knexQuery()
    .table('settings')
    .insert({ key: 'loyalty', value: JSON.stringify(settings), updated_at: new Date() })
    .onConflict('key')
    .merge(['value', 'updated_at'])
}
