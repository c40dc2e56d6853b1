import { STAFF_ROLES, StaffRole } from '@/enums/staff'

/**
 * Which roles may open each page (UX.md "Navigation by role"). The router guard and the
 * navigation both read this, so a page and its menu entry can never disagree.
 */
export const ACCESS = {
  home: STAFF_ROLES,
  /** A guide's own conversations, a store manager's store, HQ all: one page, scoped by the API. */
  inbox: STAFF_ROLES,
  /** Everyone reads and writes their own replies; corp and store replies per ACTIONS below. */
  quickReplies: STAFF_ROLES,
  /** The WeCom chat-toolbar page (no console chrome). */
  sidebar: STAFF_ROLES,
  /** HQ "Members", a store manager's "Customers", a guide's "My customers": one page, scoped by the API. */
  members: STAFF_ROLES,
  /** TagPolicy.manage: tags, auto-tag rules and saved segments. */
  tags: [StaffRole.Admin, StaffRole.HqOperator],
  segments: [StaffRole.Admin, StaffRole.HqOperator],
  coupons: [StaffRole.Admin, StaffRole.HqOperator],
  loyaltyRules: [StaffRole.Admin, StaffRole.HqOperator],
  staff: [StaffRole.Admin, StaffRole.StoreManager],
  stores: [StaffRole.Admin],
  integrations: [StaffRole.Admin],
  auditLog: [StaffRole.Admin],
  queues: [StaffRole.Admin],
  /** WeCom contacts and groups: everyone, scoped by the API (a guide's own, a store's, all). */
  wecomContacts: STAFF_ROLES,
  wecomGroups: STAFF_ROLES,
  wecomChannelCodes: [StaffRole.Admin, StaffRole.HqOperator],
  wecomSync: [StaffRole.Admin, StaffRole.HqOperator],
  /** A store manager hands over the customers of their own store's guides. */
  wecomHandovers: [StaffRole.Admin, StaffRole.HqOperator, StaffRole.StoreManager],
  wecomBindingConflicts: [StaffRole.Admin, StaffRole.HqOperator],
} as const satisfies Record<string, readonly StaffRole[]>

/**
 * Which roles may use an action inside a page; mirrors the backend policies, so a button is
 * only offered to those the server will let through.
 */
export const ACTIONS = {
  /** MemberPolicy.setOwner (a store manager: to a guide of their store). */
  setMemberOwner: [StaffRole.Admin, StaffRole.HqOperator, StaffRole.StoreManager],
  adjustPoints: [StaffRole.Admin],
  mergeMembers: [StaffRole.Admin],
  /** The owner filter lists staff (StaffPolicy.viewList). */
  filterByOwner: [StaffRole.Admin, StaffRole.HqOperator, StaffRole.StoreManager],
  filterByStore: [StaffRole.Admin, StaffRole.HqOperator],
  /** LoyaltyRulesPolicy.manage: coupon templates, tiers, loyalty settings. */
  manageLoyaltyRules: [StaffRole.Admin, StaffRole.HqOperator],
  /** TagPolicy.manage: define tags and rules, save segments, tag a whole segment. */
  manageTags: [StaffRole.Admin, StaffRole.HqOperator],
  /** Tagging a member one by one: anyone who sees the member. */
  tagMembers: STAFF_ROLES,
  /** Binding a WeCom contact to a member, by hand or by settling a conflict. */
  bindWecomContacts: [StaffRole.Admin, StaffRole.HqOperator],
  /** The channel-code filter lists channel codes, which only HQ may read. */
  filterByChannelCode: [StaffRole.Admin, StaffRole.HqOperator],
  /** ConversationPolicy.takeover: the store manager of the conversation's store, or HQ. */
  takeOverConversations: [StaffRole.Admin, StaffRole.HqOperator, StaffRole.StoreManager],
  /** ConversationPolicy.manageGroups: web community groups are opened by HQ. */
  manageGroups: [StaffRole.Admin, StaffRole.HqOperator],
  /** The response-times card (GET /conversations/stats). */
  viewResponseTimes: [StaffRole.Admin, StaffRole.HqOperator, StaffRole.StoreManager],
} as const satisfies Record<string, readonly StaffRole[]>

export type Action = keyof typeof ACTIONS

export function canAccess(roles: readonly StaffRole[] | undefined, role: StaffRole | null): boolean {
  if (!roles) return true
  return role !== null && roles.includes(role)
}

export function can(action: Action, role: StaffRole | null): boolean {
  return canAccess(ACTIONS[action], role)
}
