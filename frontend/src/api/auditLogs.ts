import { apiClient, compactParams } from './client'
import type { PageQuery, Paginated, RequestOptions } from './types'
import type { AuditActorType } from '@/enums/audit'

export interface FieldChange {
  from: unknown
  to: unknown
}

export interface AuditLog {
  id: number
  actor_type: AuditActorType
  actor_id: number | null
  actor_name: string | null
  action: string
  subject_type: string
  subject_id: number | string | null
  changes: Record<string, FieldChange> | null
  ip: string | null
  request_id: string | null
  created_at: string
}

export interface AuditLogFilters {
  actor_type?: AuditActorType | ''
  subject_type?: string
  action?: string
}

export const auditLogsApi = {
  async list(query: AuditLogFilters & PageQuery, options: RequestOptions = {}): Promise<Paginated<AuditLog>> {
    const { data } = await apiClient.get<Paginated<AuditLog>>('/audit-logs', { params: compactParams(query), ...options })
    return data
  },
}
