import type { Component } from 'vue'
import { Connection, Document, HomeFilled, Operation, Shop, User } from '@element-plus/icons-vue'
import type { StaffRole } from '@/enums/staff'
import { ACCESS, canAccess } from './access'

export interface NavEntry {
  path: string
  /** vue-i18n key of the menu label. */
  titleKey: string
  icon: Component
  roles: readonly StaffRole[]
}

/**
 * The console's menu, in display order. Pages of later work (Today, Inbox, Members, Tags,
 * Segments, SOP, Broadcasts, Coupons, …) are added here with their roles when they exist.
 */
export const NAV_ENTRIES: readonly NavEntry[] = [
  { path: '/', titleKey: 'nav.home', icon: HomeFilled, roles: ACCESS.home },
  { path: '/staff', titleKey: 'nav.staff', icon: User, roles: ACCESS.staff },
  { path: '/stores', titleKey: 'nav.stores', icon: Shop, roles: ACCESS.stores },
  { path: '/integrations', titleKey: 'nav.integrations', icon: Connection, roles: ACCESS.integrations },
  { path: '/audit-log', titleKey: 'nav.auditLog', icon: Document, roles: ACCESS.auditLog },
  { path: '/queues', titleKey: 'nav.queues', icon: Operation, roles: ACCESS.queues },
]

export function navEntriesFor(role: StaffRole | null, entries: readonly NavEntry[] = NAV_ENTRIES): NavEntry[] {
  return entries.filter((entry) => canAccess(entry.roles, role))
}
