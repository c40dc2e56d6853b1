import { apiClient } from './client'
import type { RequestOptions } from './types'

export interface Tier {
  id: number
  code: string
  name: string
  /** 365-day net spend (yuan, decimal string) from which the tier applies. */
  threshold: string
  /** Points per yuan, decimal string ("1.20"). */
  multiplier: string
  rank: number
  benefits: string | null
}

/** One rung of the ladder as `PUT /tiers` takes it; lowest first. */
export interface TierInput {
  code: string
  name: string
  threshold: string
  multiplier: string
  benefits?: string
}

export const tiersApi = {
  /** Lowest first; not paginated (a ladder has a handful of rungs). */
  async list(options: RequestOptions = {}): Promise<Tier[]> {
    const { data } = await apiClient.get<{ data: Tier[] }>('/tiers', options)
    return data.data
  },

  /** Replaces the ladder; 422 errors name `tiers.N.field`. */
  async replace(tiers: TierInput[], options: RequestOptions = {}): Promise<Tier[]> {
    const { data } = await apiClient.put<{ data: Tier[] }>('/tiers', { tiers }, options)
    return data.data
  },
}
