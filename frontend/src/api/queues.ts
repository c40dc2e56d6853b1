import { apiClient } from './client'
import type { PageQuery, Paginated, RequestOptions } from './types'
import type { QueueJobStatus } from '@/enums/queue'

export interface QueueCounts {
  waiting: number
  active: number
  delayed: number
  completed: number
  failed: number
  paused: number
}

export interface QueueSummary {
  name: string
  counts: QueueCounts
}

export interface QueueJob {
  id: string
  name: string
  data: unknown
  attempts_made: number
  failed_reason: string | null
  /** ISO 8601 (epoch milliseconds accepted too: the formatters take either). */
  timestamp: string | number
  processed_on: string | number | null
  finished_on: string | number | null
}

export const queuesApi = {
  async list(options: RequestOptions = {}): Promise<QueueSummary[]> {
    const { data } = await apiClient.get<{ data: QueueSummary[] }>('/admin/queues', options)
    return data.data
  },

  async jobs(
    queue: string,
    query: { status: QueueJobStatus } & PageQuery,
    options: RequestOptions = {}
  ): Promise<Paginated<QueueJob>> {
    const { data } = await apiClient.get<Paginated<QueueJob>>(`/admin/queues/${encodeURIComponent(queue)}/jobs`, {
      params: query,
      ...options,
    })
    return data
  },

  async retry(queue: string, jobId: string): Promise<void> {
    await apiClient.post(`/admin/queues/${encodeURIComponent(queue)}/jobs/${encodeURIComponent(jobId)}/retry`)
  },
}
