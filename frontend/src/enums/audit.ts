export enum AuditActorType {
  Staff = 'staff',
  Integration = 'integration',
  System = 'system',
}

export const AUDIT_ACTOR_TYPES = Object.values(AuditActorType)
