import type { Component } from 'vue'
import { Connection, DataAnalysis, Document, HomeFilled, Medal, Operation, PriceTag, Shop, Ticket, User, UserFilled } from '@element-plus/icons-vue'
import type { StaffRole } from '@/enums/staff'
import { ACCESS, canAccess } from './access'

export interface NavEntry {
  path: string
  /** vue-i18n key of the menu label. */
  titleKey: string
  /** The label for some roles, where the same page means something else to them. */
  titleKeyByRole?: Partial<Record<StaffRole, string>>
  icon: Component
  roles: readonly StaffRole[]
}

/**
 * The console's menu, in display order (UX.md: Dashboard · Members · Tags · Segments · …).
 * Pages of later work (Today, Inbox, SOP, Broadcasts, …) are added here with their roles when
 * they exist.
 */
export const NAV_ENTRIES: readonly NavEntry[] = [
  { path: '/', titleKey: 'nav.home', icon: HomeFilled, roles: ACCESS.home },
  {
    path: '/members',
    titleKey: 'nav.members',
    titleKeyByRole: { store_manager: 'nav.customers', guide: 'nav.myCustomers' },
    icon: UserFilled,
    roles: ACCESS.members,
  },
  { path: '/tags', titleKey: 'nav.tags', icon: PriceTag, roles: ACCESS.tags },
  { path: '/segments', titleKey: 'nav.segments', icon: DataAnalysis, roles: ACCESS.segments },
  { path: '/coupons', titleKey: 'nav.coupons', icon: Ticket, roles: ACCESS.coupons },
  { path: '/tiers', titleKey: 'nav.tiers', icon: Medal, roles: ACCESS.loyaltyRules },
  { path: '/staff', titleKey: 'nav.staff', icon: User, roles: ACCESS.staff },
  { path: '/stores', titleKey: 'nav.stores', icon: Shop, roles: ACCESS.stores },
  { path: '/integrations', titleKey: 'nav.integrations', icon: Connection, roles: ACCESS.integrations },
  { path: '/audit-log', titleKey: 'nav.auditLog', icon: Document, roles: ACCESS.auditLog },
  { path: '/queues', titleKey: 'nav.queues', icon: Operation, roles: ACCESS.queues },
]

/** The entries a role sees, labelled for that role. */
export function navEntriesFor(role: StaffRole | null, entries: readonly NavEntry[] = NAV_ENTRIES): NavEntry[] {
  return entries
    .filter((entry) => canAccess(entry.roles, role))
    .map((entry) => ({ ...entry, titleKey: navTitleKey(entry, role) }))
}

export function navTitleKey(entry: NavEntry, role: StaffRole | null): string {
  return (role && entry.titleKeyByRole?.[role]) || entry.titleKey
}
