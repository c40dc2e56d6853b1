import { STAFF_ROLES, StaffRole } from '@/enums/staff'

/**
 * Which roles may open each page (UX.md "Navigation by role"). The router guard and the
 * navigation both read this, so a page and its menu entry can never disagree.
 */
export const ACCESS = {
  home: STAFF_ROLES,
  staff: [StaffRole.Admin, StaffRole.StoreManager],
  stores: [StaffRole.Admin],
  integrations: [StaffRole.Admin],
  auditLog: [StaffRole.Admin],
  queues: [StaffRole.Admin],
} as const satisfies Record<string, readonly StaffRole[]>

export function canAccess(roles: readonly StaffRole[] | undefined, role: StaffRole | null): boolean {
  if (!roles) return true
  return role !== null && roles.includes(role)
}
