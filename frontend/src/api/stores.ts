import { apiClient, compactParams } from './client'
import type { PageQuery, Paginated, Region, RequestOptions } from './types'
import type { StoreStatus } from '@/enums/store'

/** A retail store of the chain (not a Pinia store). */
export interface Store {
  id: number
  code: string
  name: string
  city: string | null
  status: StoreStatus
  region: Region | null
  staff_count: number
}

export interface StoreFilters {
  q?: string
  region_id?: number | null
}

export interface CreateStoreInput {
  code: string
  name: string
  city?: string
  region_id?: number
}

export interface UpdateStoreInput {
  name?: string
  city?: string | null
  region_id?: number | null
  status?: StoreStatus
}

export const storesApi = {
  async list(query: StoreFilters & PageQuery, options: RequestOptions = {}): Promise<Paginated<Store>> {
    const { data } = await apiClient.get<Paginated<Store>>('/stores', { params: compactParams(query), ...options })
    return data
  },

  async create(input: CreateStoreInput, options: RequestOptions = {}): Promise<Store> {
    const { data } = await apiClient.post<Store>('/stores', input, options)
    return data
  },

  async update(id: number, input: UpdateStoreInput, options: RequestOptions = {}): Promise<Store> {
    const { data } = await apiClient.patch<Store>(`/stores/${id}`, input, options)
    return data
  },
}
