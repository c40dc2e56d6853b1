import { apiClient, compactParams } from './client'
import type { PageQuery, Paginated, RequestOptions, StoreRef } from './types'
import type { StaffRole, StaffStatus } from '@/enums/staff'

export interface Staff {
  id: number
  staff_no: string | null
  name: string
  email: string
  role: StaffRole
  store_id: number | null
  store: StoreRef | null
  wecom_user_id: string | null
  status: StaffStatus
  created_at: string
}

export interface StaffFilters {
  q?: string
  role?: StaffRole | ''
  status?: StaffStatus | ''
  store_id?: number | null
}

export interface CreateStaffInput {
  name: string
  email: string
  password: string
  role: StaffRole
  store_id?: number
  staff_no?: string
  wecom_user_id?: string
}

export interface UpdateStaffInput {
  name?: string
  email?: string
  password?: string
  role?: StaffRole
  store_id?: number | null
  staff_no?: string | null
  wecom_user_id?: string | null
  status?: StaffStatus
}

export const staffApi = {
  async list(query: StaffFilters & PageQuery, options: RequestOptions = {}): Promise<Paginated<Staff>> {
    const { data } = await apiClient.get<Paginated<Staff>>('/staff', { params: compactParams(query), ...options })
    return data
  },

  async create(input: CreateStaffInput, options: RequestOptions = {}): Promise<Staff> {
    const { data } = await apiClient.post<Staff>('/staff', input, options)
    return data
  },

  async update(id: number, input: UpdateStaffInput, options: RequestOptions = {}): Promise<Staff> {
    const { data } = await apiClient.patch<Staff>(`/staff/${id}`, input, options)
    return data
  },
}
