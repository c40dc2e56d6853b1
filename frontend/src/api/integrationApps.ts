import { apiClient } from './client'
import type { PageQuery, Paginated, RequestOptions } from './types'
import type { IntegrationAppStatus, IntegrationScope } from '@/enums/integration'

export interface IntegrationApp {
  id: number
  name: string
  key_id: string
  scopes: IntegrationScope[]
  status: IntegrationAppStatus
  last_used_at: string | null
  created_at: string
}

/** The create answer: the only time the secret is ever sent. */
export interface CreatedIntegrationApp extends IntegrationApp {
  secret: string
}

export interface CreateIntegrationAppInput {
  name: string
  scopes: IntegrationScope[]
}

export const integrationAppsApi = {
  async list(query: PageQuery, options: RequestOptions = {}): Promise<Paginated<IntegrationApp>> {
    const { data } = await apiClient.get<Paginated<IntegrationApp>>('/integration-apps', { params: query, ...options })
    return data
  },

  async create(input: CreateIntegrationAppInput, options: RequestOptions = {}): Promise<CreatedIntegrationApp> {
    const { data } = await apiClient.post<CreatedIntegrationApp>('/integration-apps', input, options)
    return data
  },

  async revoke(id: number): Promise<IntegrationApp> {
    const { data } = await apiClient.post<IntegrationApp>(`/integration-apps/${id}/revoke`)
    return data
  },
}
