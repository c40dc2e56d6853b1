import { apiClient } from './client'
import type { StoreRef } from './types'
import type { StaffRole, StaffStatus } from '@/enums/staff'

/** The staff member as the login answer describes them. */
export interface SessionStaff {
  id: number
  name: string
  role: StaffRole
  store_id: number | null
}

/** The fuller profile of `GET /auth/me`. */
export interface StaffProfile extends SessionStaff {
  email: string
  staff_no: string | null
  wecom_user_id: string | null
  status: StaffStatus
  store: StoreRef | null
}

export interface Credentials {
  email: string
  password: string
}

export interface LoginResult {
  token: string
  staff: SessionStaff
}

export const authApi = {
  /** Silent: the login form explains 401 and 429 itself. */
  async login(credentials: Credentials): Promise<LoginResult> {
    const { data } = await apiClient.post<LoginResult>('/auth/login', credentials, { silent: true })
    return data
  },

  async logout(): Promise<void> {
    await apiClient.post('/auth/logout', null, { silent: true })
  },

  async me(): Promise<StaffProfile> {
    const { data } = await apiClient.get<{ staff: StaffProfile }>('/auth/me')
    return data.staff
  },
}
