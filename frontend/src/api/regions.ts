import { apiClient } from './client'
import type { Region, RequestOptions } from './types'

export interface CreateRegionInput {
  code: string
  name: string
}

export const regionsApi = {
  /** Not paginated: a chain has a handful of regions. */
  async list(options: RequestOptions = {}): Promise<Region[]> {
    const { data } = await apiClient.get<{ data: Region[] }>('/regions', options)
    return data.data
  },

  async create(input: CreateRegionInput, options: RequestOptions = {}): Promise<Region> {
    const { data } = await apiClient.post<Region>('/regions', input, options)
    return data
  },
}
