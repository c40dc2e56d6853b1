import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Staff from '#models/staff'
import Store from '#models/store'
import Tier from '#models/tier'
import { StaffRole, StaffStatus } from '#enums/staff'
import type { TierRule } from '#services/loyalty_rules'
import { loyaltySettings, type LoyaltySettings } from '#services/loyalty_settings'
import { guidesAt, stores as brandStores } from '#database/demo/brand'

export type DemoGuide = { id: number; staffNo: string | null }

export type DemoStore = {
  id: number
  code: string
  city: string
  /** Bigger stores (more guides) get more members and more walk-in sales. */
  weight: number
  guides: DemoGuide[]
  /** Other stores in the same city: where a member buys when not at their home store. */
  neighbours: DemoStore[]
}

/**
 * What the member history is generated against, read from the database after the brand and its
 * staff exist: store and staff ids, the tier ladder and the loyalty settings HQ may have changed.
 */
export type DemoContext = {
  stores: DemoStore[]
  hqOperatorId: number | null
  /** Lowest first. */
  tiers: TierRule[]
  tierCodes: Map<number, string>
  settings: LoyaltySettings
}

export async function loadContext(trx: TransactionClientContract): Promise<DemoContext> {
  const rows = await Store.query({ client: trx }).whereIn('code', brandStores.map((s) => s.code)).orderBy('id')
  const guides = await Staff.query({ client: trx })
    .where('role', StaffRole.Guide)
    .where('status', StaffStatus.Active)
    .whereIn('store_id', rows.map((s) => s.id))
    .orderBy('id')
  const stores: DemoStore[] = rows.map((store) => ({
    id: store.id,
    code: store.code,
    city: store.city ?? '',
    weight: guidesAt(store.code),
    guides: guides.filter((g) => g.storeId === store.id).map((g) => ({ id: g.id, staffNo: g.staffNo })),
    neighbours: [],
  }))
  for (const store of stores) store.neighbours = stores.filter((s) => s.city === store.city && s !== store)

  const hq = await Staff.query({ client: trx }).where('role', StaffRole.HqOperator).orderBy('id').first()
  const tiers = await Tier.query({ client: trx }).orderBy('rank')
  return {
    stores,
    hqOperatorId: hq?.id ?? null,
    tiers: tiers.map((t) => t.rule),
    tierCodes: new Map(tiers.map((t) => [t.id, t.code])),
    settings: await loyaltySettings(trx),
  }
}
