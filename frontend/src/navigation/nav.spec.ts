import { describe, expect, it } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { NAV_ENTRIES, navEntriesFor, navLeaves } from './nav'
import { StaffRole } from '@/enums/staff'
import { routes } from '@/router'

const paths = (role: StaffRole | null) => navEntriesFor(role).map((entry) => entry.path)
const ADMIN_PAGES = ['/stores', '/integrations', '/audit-log', '/queues']
const HQ_PAGES = ['/tags', '/segments', '/coupons', '/tiers']
const titleOf = (role: StaffRole, path: string) => navEntriesFor(role).find((entry) => entry.path === path)?.titleKey
const wecomPages = (role: StaffRole) => navEntriesFor(role).find((entry) => entry.path === '/wecom')?.children?.map((entry) => entry.path) ?? []

describe('navigation by role', () => {
  it('shows a guide their inbox, customers and quick replies, and no admin, HQ or management entries', () => {
    expect(paths(StaffRole.Guide)).toEqual(['/', '/inbox', '/members', '/quick-replies', '/wecom'])
    expect(titleOf(StaffRole.Guide, '/inbox')).toBe('nav.inbox')
    expect(titleOf(StaffRole.Guide, '/members')).toBe('nav.myCustomers')
    for (const page of [...ADMIN_PAGES, ...HQ_PAGES, '/staff']) expect(paths(StaffRole.Guide)).not.toContain(page)
  })

  it('shows a store manager the store’s inbox, their customers and store staff but no admin or HQ pages', () => {
    expect(paths(StaffRole.StoreManager)).toEqual(['/', '/inbox', '/members', '/quick-replies', '/staff', '/wecom'])
    expect(titleOf(StaffRole.StoreManager, '/inbox')).toBe('nav.storeInbox')
    expect(titleOf(StaffRole.StoreManager, '/members')).toBe('nav.customers')
  })

  it('shows an HQ operator members, tags, segments, coupons and tiers, in the UX order, but no admin pages', () => {
    expect(paths(StaffRole.HqOperator)).toEqual(['/', '/inbox', '/members', '/quick-replies', '/tags', '/segments', '/coupons', '/tiers', '/wecom'])
    expect(titleOf(StaffRole.HqOperator, '/members')).toBe('nav.members')
    for (const page of ADMIN_PAGES) expect(paths(StaffRole.HqOperator)).not.toContain(page)
  })

  it('shows an admin every page', () => {
    expect(paths(StaffRole.Admin)).toEqual(NAV_ENTRIES.map((entry) => entry.path))
    expect(navLeaves(navEntriesFor(StaffRole.Admin)).map((entry) => entry.path)).toEqual(navLeaves(NAV_ENTRIES).map((entry) => entry.path))
  })

  it('gives guides WeCom contacts and groups only, store managers handovers too, and HQ every WeCom page', () => {
    expect(wecomPages(StaffRole.Guide)).toEqual(['/wecom/contacts', '/wecom/groups'])
    expect(wecomPages(StaffRole.StoreManager)).toEqual(['/wecom/contacts', '/wecom/groups', '/wecom/handovers'])
    const all = ['/wecom/contacts', '/wecom/groups', '/wecom/channel-codes', '/wecom/sync', '/wecom/handovers', '/wecom/binding-conflicts']
    expect(wecomPages(StaffRole.HqOperator)).toEqual(all)
    expect(wecomPages(StaffRole.Admin)).toEqual(all)
    expect(titleOf(StaffRole.Guide, '/wecom')).toBe('nav.wecom')
  })

  it('drops a menu group whose pages the role may not open', () => {
    const entries = [{ ...NAV_ENTRIES[0]!, path: '/hq', roles: [StaffRole.HqOperator], children: [{ ...NAV_ENTRIES[0]!, path: '/hq/x', roles: [StaffRole.HqOperator] }] }]
    expect(navEntriesFor(StaffRole.Guide, entries)).toEqual([])
  })

  it('shows nothing without a session', () => {
    expect(paths(null)).toEqual([])
  })

  it('links every entry to a route that admits exactly the same roles', () => {
    const router = createRouter({ history: createMemoryHistory(), routes })
    for (const entry of navLeaves(NAV_ENTRIES)) {
      const route = router.resolve(entry.path)
      expect(route.name, entry.path).not.toBe('not-found')
      expect(route.meta.roles, entry.path).toEqual(entry.roles)
    }
  })

  it('opens WeCom contacts from the WeCom menu group’s own path', async () => {
    const router = createRouter({ history: createMemoryHistory(), routes })
    await router.push('/wecom')
    expect(router.currentRoute.value.name).toBe('wecom-contacts')
  })
})
