import type { HttpContext } from '@adonisjs/core/http'
import AuditLog from '#models/audit_log'
import { paginate } from '#queries/paginate'
import { presentAuditLog } from '#controllers/presenters'
import { listAuditLogsValidator } from '#validators/integration'

export default class AuditLogsController {
  async index({ bouncer, request }: HttpContext) {
    await bouncer.authorize('administer')
    const filters = await request.validateUsing(listAuditLogsValidator, { data: request.qs() })
    const query = AuditLog.query().orderBy('id', 'desc')
    if (filters.actor_type) query.where('actor_type', filters.actor_type)
    if (filters.subject_type) query.where('subject_type', filters.subject_type)
    if (filters.action) query.where('action', filters.action)
    return paginate(query, filters, presentAuditLog)
  }
}
