import { apiClient, compactParams, idempotent } from './client'
import type { IdempotentRequestOptions, PageQuery, Paginated, RequestOptions } from './types'
import type { CouponChannel, CouponKind, CouponTemplateStatus, IssueSkipReason } from '@/enums/loyalty'

export interface CouponTemplate {
  id: number
  code: string
  name: string
  kind: CouponKind
  /** Yuan off, percent off, or the gift's value: a decimal string. */
  value: string
  min_spend: string
  /** Valid N days from issue; otherwise `valid_from`/`valid_to`; neither: no expiry. */
  valid_days: number | null
  valid_from: string | null
  valid_to: string | null
  channels: CouponChannel[]
  store_ids: number[] | null
  /** Null: unlimited. */
  total_stock: number | null
  issued_count: number
  per_member_limit: number | null
  /** Null: cannot be exchanged for points. */
  points_cost: number | null
  status: CouponTemplateStatus
  created_at: string
}

export interface CouponTemplateFilters {
  status?: CouponTemplateStatus | ''
}

export interface CreateCouponTemplateInput {
  code?: string
  name: string
  kind: CouponKind
  value: string
  min_spend?: string
  valid_days?: number
  /** ISO 8601 with an offset. */
  valid_from?: string
  valid_to?: string
  channels?: CouponChannel[]
  store_ids?: number[]
  total_stock?: number
  per_member_limit?: number
  points_cost?: number
}

export interface UpdateCouponTemplateInput {
  name?: string
  total_stock?: number | null
  per_member_limit?: number | null
  points_cost?: number | null
  status?: CouponTemplateStatus
}

export interface IssueResult {
  coupons: { code: string; member_id: number }[]
  skipped: { member_id: number; reason: IssueSkipReason }[]
}

/** The API takes at most this many members per issue. */
export const MAX_ISSUE_MEMBERS = 1000

export const couponTemplatesApi = {
  async list(query: CouponTemplateFilters & PageQuery, options: RequestOptions = {}): Promise<Paginated<CouponTemplate>> {
    const { data } = await apiClient.get<Paginated<CouponTemplate>>('/coupon-templates', { params: compactParams(query), ...options })
    return data
  },

  async create(input: CreateCouponTemplateInput, options: RequestOptions = {}): Promise<CouponTemplate> {
    const { data } = await apiClient.post<CouponTemplate>('/coupon-templates', input, options)
    return data
  },

  async update(id: number, input: UpdateCouponTemplateInput, options: RequestOptions = {}): Promise<CouponTemplate> {
    const { data } = await apiClient.patch<CouponTemplate>(`/coupon-templates/${id}`, input, options)
    return data
  },

  async issue(id: number, memberIds: number[], options: IdempotentRequestOptions): Promise<IssueResult> {
    const { data } = await apiClient.post<IssueResult>(`/coupon-templates/${id}/issue`, { member_ids: memberIds }, idempotent(options))
    return data
  },
}
