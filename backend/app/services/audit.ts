import type { HttpContext } from '@adonisjs/core/http'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import AuditLog, { type AuditActorType, type AuditChanges } from '#models/audit_log'
import type Staff from '#models/staff'
import type IntegrationApp from '#models/integration_app'

/**
 * Who is acting, and from where: passed into every action that changes data, so the same
 * action records the same audit entry whether called over HTTP, from a job or from ace.
 */
export type Actor = {
  type: AuditActorType
  id: number | null
  name: string | null
  ip: string | null
  requestId: string | null
  staff?: Staff
}

export const actor = {
  staff(staff: Staff, ctx?: HttpContext): Actor {
    return { type: 'staff', id: staff.id, name: staff.name, staff, ...origin(ctx) }
  },
  integration(app: IntegrationApp, ctx?: HttpContext): Actor {
    return { type: 'integration', id: app.id, name: app.name, ...origin(ctx) }
  },
  system(name = 'system'): Actor {
    return { type: 'system', id: null, name, ip: null, requestId: null }
  },
}

function origin(ctx?: HttpContext) {
  return {
    ip: ctx?.request.ip() ?? null,
    requestId: ctx?.request.id() ?? null,
  }
}

/** Fields whose values are personal data: the log keeps that they changed, masked. */
const PERSONAL = new Set(['phone', 'email', 'name', 'birthday', 'password', 'secret', 'address'])

export function maskValue(field: string, value: unknown): unknown {
  if (value === null || value === undefined) return value
  if (field === 'password' || field === 'secret') return '***'
  if (!PERSONAL.has(field)) return value
  const text = String(value)
  if (field === 'phone' && /^\+?\d{7,}$/.test(text)) {
    return text.slice(0, 3) + '****' + text.slice(-4)
  }
  if (field === 'email' && text.includes('@')) {
    const [local, domain] = text.split('@')
    return `${local.slice(0, 1)}***@${domain}`
  }
  return text.slice(0, 1) + '*'.repeat(Math.max(text.length - 1, 1))
}

/**
 * The changed fields between two plain objects, masked. Creating passes `before = {}`.
 */
export function diff(before: Record<string, unknown>, after: Record<string, unknown>): AuditChanges {
  const changes: AuditChanges = {}
  for (const [field, to] of Object.entries(after)) {
    const from = before[field]
    if (JSON.stringify(from) === JSON.stringify(to)) continue
    changes[field] = { from: maskValue(field, from), to: maskValue(field, to) }
  }
  return changes
}

/**
 * Only the fields a partial update actually carries (undefined means "leave as is").
 */
export function defined<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as Partial<T>
}

/**
 * Appends one audit entry, inside the caller's transaction when given, so the entry exists
 * exactly when the change does.
 */
export async function audit(
  who: Actor,
  action: string,
  subject: { type: string; id: string | number | null },
  changes: AuditChanges,
  trx?: TransactionClientContract
) {
  await AuditLog.create(
    {
      actorType: who.type,
      actorId: who.id,
      actorName: who.name,
      action,
      subjectType: subject.type,
      subjectId: subject.id === null ? null : String(subject.id),
      changes,
      ip: who.ip,
      requestId: who.requestId,
    },
    { client: trx }
  )
}
