import { apiClient } from './client'
import type { RequestOptions } from './types'
import type { PointsExpiry } from '@/enums/loyalty'

export interface LoyaltySettings {
  points_expiry: PointsExpiry
  /** Points each side of a referral gets after the referee's first paid order. */
  referral_points: number
  /** Template issued in the birthday month; null: no birthday gift. */
  birthday_template_code: string | null
}

export const loyaltySettingsApi = {
  async get(options: RequestOptions = {}): Promise<LoyaltySettings> {
    const { data } = await apiClient.get<LoyaltySettings>('/loyalty/settings', options)
    return data
  },

  async update(settings: LoyaltySettings, options: RequestOptions = {}): Promise<LoyaltySettings> {
    const { data } = await apiClient.put<LoyaltySettings>('/loyalty/settings', settings, options)
    return data
  },
}
