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

/**
 * Roles that see every record of the enterprise (CONTRACTS section 2).
 */
export const HQ_ROLES: readonly StaffRole[] = [StaffRole.Admin, StaffRole.HqOperator]
