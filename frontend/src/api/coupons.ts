import { apiClient } from './client'
import type { RequestOptions } from './types'
import type { MemberCoupon } from './members'

export const couponsApi = {
  /** 409 when the coupon was already redeemed; voiding a void coupon is a no-op. */
  async void(code: string, reason: string, options: RequestOptions = {}): Promise<MemberCoupon> {
    const { data } = await apiClient.post<MemberCoupon>(`/coupons/${encodeURIComponent(code)}/void`, { reason }, options)
    return data
  },
}
