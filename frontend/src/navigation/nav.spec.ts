import { describe, expect, it } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { NAV_ENTRIES, navEntriesFor } from './nav'
import { StaffRole } from '@/enums/staff'
import { routes } from '@/router'

const paths = (role: StaffRole | null) => navEntriesFor(role).map((entry) => entry.path)
const ADMIN_PAGES = ['/stores', '/integrations', '/audit-log', '/queues']

describe('navigation by role', () => {
  it('shows a guide no admin or management entries', () => {
    expect(paths(StaffRole.Guide)).toEqual(['/'])
    for (const page of [...ADMIN_PAGES, '/staff']) expect(paths(StaffRole.Guide)).not.toContain(page)
  })

  it('shows a store manager their store staff but no admin pages', () => {
    expect(paths(StaffRole.StoreManager)).toEqual(['/', '/staff'])
  })

  it('shows an HQ operator no admin pages', () => {
    for (const page of ADMIN_PAGES) expect(paths(StaffRole.HqOperator)).not.toContain(page)
  })

  it('shows an admin every page', () => {
    expect(paths(StaffRole.Admin)).toEqual(NAV_ENTRIES.map((entry) => entry.path))
  })

  it('shows nothing without a session', () => {
    expect(paths(null)).toEqual([])
  })

  it('links every entry to a route that admits exactly the same roles', () => {
    const router = createRouter({ history: createMemoryHistory(), routes })
    for (const entry of NAV_ENTRIES) {
      const route = router.resolve(entry.path)
      expect(route.name, entry.path).not.toBe('not-found')
      expect(route.meta.roles, entry.path).toEqual(entry.roles)
    }
  })
})
