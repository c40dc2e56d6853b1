import Member from '#models/member'
import Tier from '#models/tier'
import Store from '#models/store'
import type Staff from '#models/staff'
import { DataScope } from '#policies/data_scope'
import { IdentityType, MemberStatus } from '#enums/loyalty'
import { normalisePhone } from '#services/member_registry'
import { startingWith } from '#queries/like'

export type MemberFilters = { q?: string; tier?: string; store_id?: number; owner_staff_id?: number }

/**
 * The members a staff member may see, filtered. `q` is a phone (full, or its last four
 * digits), a member number or a name; phones and member numbers are exact lookups through the
 * identity index, so search stays fast at a million members.
 */
export function memberSearch(staff: Staff, filters: MemberFilters) {
  const query = DataScope.of(staff)
    .members(Member.query())
    .where('members.status', MemberStatus.Active)
    .preload('tier')
    .preload('owner')
    .preload('registerStore')
    .orderBy('members.id', 'desc')

  const q = filters.q?.trim()
  if (q) {
    const phone = normalisePhone(q)
    if (phone) {
      query.whereIn('members.id', (sub) =>
        sub.from('member_identities').select('member_id').where('type', IdentityType.Phone).where('value', phone)
      )
    } else if (/^M\d{6,}$/i.test(q)) {
      query.whereIn('members.id', (sub) =>
        sub.from('member_identities').select('member_id').where('type', IdentityType.MemberNo).where('value', q.toUpperCase())
      )
    } else {
      query.where('members.name', 'like', startingWith(q))
    }
  }
  if (filters.tier) query.whereIn('members.tier_id', (sub) => sub.from('tiers').select('id').where('code', filters.tier!))
  if (filters.store_id) query.where('members.register_store_id', filters.store_id)
  if (filters.owner_staff_id) query.where('members.owner_staff_id', filters.owner_staff_id)
  return query
}

/**
 * One member the staff member may see, or a 404 (absent and out of scope answer alike).
 */
export function visibleMember(staff: Staff, memberId: number) {
  return DataScope.of(staff)
    .members(Member.query())
    .where('members.id', memberId)
    .preload('tier')
    .preload('owner')
    .preload('registerStore')
    .firstOrFail()
}

export async function storeNames() {
  const stores = await Store.query().select('id', 'code', 'name')
  return new Map(stores.map((s) => [s.id, { code: s.code, name: s.name }]))
}

export async function allTiers() {
  return Tier.query().orderBy('rank')
}
