import { apiClient } from './client'
import type { HealthStatus } from '@/enums/health'

export interface HealthCheck {
  ok: boolean
  latency_ms?: number
  [detail: string]: unknown
}

export interface HealthReport {
  status: HealthStatus
  checks: Record<string, HealthCheck>
}

export const healthApi = {
  /** A degraded system answers 503 with the same body: that is a report, not a failure. */
  async get(): Promise<HealthReport> {
    const { data } = await apiClient.get<HealthReport>('/health', {
      silent: true,
      validateStatus: (status) => status === 200 || status === 503,
    })
    return data
  },
}
