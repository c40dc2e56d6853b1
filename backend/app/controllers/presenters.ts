import type Staff from '#models/staff'
import type Store from '#models/store'
import type IntegrationApp from '#models/integration_app'
import type AuditLog from '#models/audit_log'

/**
 * The API's JSON shape of each resource, in one place so every route answers alike.
 */
export function presentStaff(staff: Staff) {
  const store = staff.$preloaded.store as Store | null | undefined
  return {
    id: staff.id,
    staff_no: staff.staffNo,
    name: staff.name,
    email: staff.email,
    role: staff.role,
    store_id: staff.storeId,
    store: store ? { id: store.id, code: store.code, name: store.name } : null,
    wecom_user_id: staff.wecomUserId,
    status: staff.status,
    created_at: staff.createdAt.toISO(),
  }
}

export function presentStore(store: Store) {
  const region = store.$preloaded.region as Store['region'] | null | undefined
  return {
    id: store.id,
    code: store.code,
    name: store.name,
    city: store.city,
    status: store.status,
    region: region ? { id: region.id, code: region.code, name: region.name } : null,
    staff_count: Number(store.$extras.staff_count ?? 0),
  }
}

export function presentIntegrationApp(app: IntegrationApp) {
  return {
    id: app.id,
    name: app.name,
    key_id: app.keyId,
    scopes: app.scopes,
    status: app.status,
    last_used_at: app.lastUsedAt?.toISO() ?? null,
    created_at: app.createdAt.toISO(),
  }
}

export function presentAuditLog(log: AuditLog) {
  return {
    id: log.id,
    actor_type: log.actorType,
    actor_id: log.actorId,
    actor_name: log.actorName,
    action: log.action,
    subject_type: log.subjectType,
    subject_id: log.subjectId,
    changes: log.changes,
    ip: log.ip,
    request_id: log.requestId,
    created_at: log.createdAt.toISO(),
  }
}
