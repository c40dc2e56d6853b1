import type { Component } from 'vue'
import {
  Avatar,
  ChatDotRound,
  ChatLineRound,
  ChatLineSquare,
  Connection,
  DataAnalysis,
  Document,
  Grid,
  HomeFilled,
  Medal,
  Message,
  Operation,
  PriceTag,
  Refresh,
  Share,
  Shop,
  Ticket,
  User,
  UserFilled,
  Warning,
} from '@element-plus/icons-vue'
import type { StaffRole } from '@/enums/staff'
import { ACCESS, canAccess } from './access'

export interface NavEntry {
  path: string
  /** vue-i18n key of the menu label. */
  titleKey: string
  /** The label for some roles, where the same page means something else to them. */
  titleKeyByRole?: Partial<Record<StaffRole, string>>
  icon: Component
  /** For an entry with children: the roles that see at least one child. */
  roles: readonly StaffRole[]
  /** Shown as a sub-menu; the entry's own path (a home-page link) redirects to its first child. */
  children?: readonly NavEntry[]
}

/** The roles that may open at least one of `entries`. */
function rolesOf(entries: readonly NavEntry[]): StaffRole[] {
  return [...new Set(entries.flatMap((entry) => entry.roles))]
}

const WECOM_ENTRIES: readonly NavEntry[] = [
  { path: '/wecom/contacts', titleKey: 'nav.wecomContacts', icon: Avatar, roles: ACCESS.wecomContacts },
  { path: '/wecom/groups', titleKey: 'nav.wecomGroups', icon: ChatLineRound, roles: ACCESS.wecomGroups },
  { path: '/wecom/channel-codes', titleKey: 'nav.wecomChannelCodes', icon: Grid, roles: ACCESS.wecomChannelCodes },
  { path: '/wecom/sync', titleKey: 'nav.wecomSync', icon: Refresh, roles: ACCESS.wecomSync },
  { path: '/wecom/handovers', titleKey: 'nav.wecomHandovers', icon: Share, roles: ACCESS.wecomHandovers },
  { path: '/wecom/binding-conflicts', titleKey: 'nav.wecomBindingConflicts', icon: Warning, roles: ACCESS.wecomBindingConflicts },
]

/**
 * The console's menu, in display order (UX.md: a guide's Today · Inbox · My customers · … ·
 * Quick replies; HQ's Dashboard · Members · Tags · Segments · …). Pages of later work (Today,
 * SOP, Broadcasts, …) are added here with their roles when they exist.
 */
export const NAV_ENTRIES: readonly NavEntry[] = [
  { path: '/', titleKey: 'nav.home', icon: HomeFilled, roles: ACCESS.home },
  { path: '/inbox', titleKey: 'nav.inbox', titleKeyByRole: { store_manager: 'nav.storeInbox' }, icon: Message, roles: ACCESS.inbox },
  {
    path: '/members',
    titleKey: 'nav.members',
    titleKeyByRole: { store_manager: 'nav.customers', guide: 'nav.myCustomers' },
    icon: UserFilled,
    roles: ACCESS.members,
  },
  { path: '/quick-replies', titleKey: 'nav.quickReplies', icon: ChatLineSquare, roles: ACCESS.quickReplies },
  { path: '/tags', titleKey: 'nav.tags', icon: PriceTag, roles: ACCESS.tags },
  { path: '/segments', titleKey: 'nav.segments', icon: DataAnalysis, roles: ACCESS.segments },
  { path: '/coupons', titleKey: 'nav.coupons', icon: Ticket, roles: ACCESS.coupons },
  { path: '/tiers', titleKey: 'nav.tiers', icon: Medal, roles: ACCESS.loyaltyRules },
  { path: '/staff', titleKey: 'nav.staff', icon: User, roles: ACCESS.staff },
  { path: '/wecom', titleKey: 'nav.wecom', icon: ChatDotRound, roles: rolesOf(WECOM_ENTRIES), children: WECOM_ENTRIES },
  { path: '/stores', titleKey: 'nav.stores', icon: Shop, roles: ACCESS.stores },
  { path: '/integrations', titleKey: 'nav.integrations', icon: Connection, roles: ACCESS.integrations },
  { path: '/audit-log', titleKey: 'nav.auditLog', icon: Document, roles: ACCESS.auditLog },
  { path: '/queues', titleKey: 'nav.queues', icon: Operation, roles: ACCESS.queues },
]

/** The entries a role sees, labelled for that role; a parent keeps only the children the role sees. */
export function navEntriesFor(role: StaffRole | null, entries: readonly NavEntry[] = NAV_ENTRIES): NavEntry[] {
  return entries
    .filter((entry) => canAccess(entry.roles, role))
    .map((entry) => ({
      ...entry,
      titleKey: navTitleKey(entry, role),
      ...(entry.children ? { children: navEntriesFor(role, entry.children) } : {}),
    }))
    .filter((entry) => !entry.children || entry.children.length > 0)
}

/** Every page the menu links to: the entries without children, and the children. */
export function navLeaves(entries: readonly NavEntry[]): NavEntry[] {
  return entries.flatMap((entry) => (entry.children ? navLeaves(entry.children) : [entry]))
}

export function navTitleKey(entry: NavEntry, role: StaffRole | null): string {
  return (role && entry.titleKeyByRole?.[role]) || entry.titleKey
}
