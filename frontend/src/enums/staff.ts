/** Mirrors backend/app/enums/staff.ts (the API's values). */
export enum StaffRole {
  Admin = 'admin',
  HqOperator = 'hq_operator',
  StoreManager = 'store_manager',
  Guide = 'guide',
}

export enum StaffStatus {
  Active = 'active',
  Resigned = 'resigned',
}

export const STAFF_ROLES = Object.values(StaffRole)
export const STAFF_STATUSES = Object.values(StaffStatus)

export function isStaffRole(value: unknown): value is StaffRole {
  return STAFF_ROLES.includes(value as StaffRole)
}
