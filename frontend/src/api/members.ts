import { apiClient, compactParams, idempotent } from './client'
import type { IdempotentRequestOptions, PageQuery, Paginated, RequestOptions, StaffRef, StoreRef } from './types'
import type {
  CouponChannel,
  CouponKind,
  CouponStatus,
  MemberStatus,
  OrderType,
  PointsKind,
  SalesChannel,
} from '@/enums/loyalty'
import type { RfmGroup, TimelineKind } from '@/enums/portrait'
import type { TagSource } from '@/enums/tag'

/** A member as lists show them. Money fields are decimal strings (yuan). */
export interface Member {
  id: number
  member_no: string
  name: string | null
  /** Masked ("138****0001") for guides, full for the other roles. */
  phone: string | null
  phone_masked: string | null
  gender: string
  birthday: string | null
  /** Tier code. */
  tier: string | null
  tier_name: string | null
  points_balance: number
  spend_365d: string
  register_channel: string | null
  register_store: StoreRef | null
  owner: StaffRef | null
  marketing_consent: boolean
  referral_code: string | null
  status: MemberStatus
  created_at: string
}

export interface TierProgress {
  tier: string
  tier_name: string
  spend_365d: string
  /** Null at the top tier. */
  next_tier: string | null
  spend_to_next_tier: string | null
}

/** One value of a preference (a category, a channel): units bought, their amount, and the share of units (0..1). */
export interface PortraitShare {
  value: string
  units: number
  amount: string
  share: number
}

/**
 * What the member's own orders say about them (backend queries/members/portrait.ts), kept
 * current per order. Money is yuan as decimal strings.
 */
export interface Portrait {
  lifetime_value: {
    lifetime_spend: string
    order_count: number
    /** Null before the first order. */
    average_order: string | null
    first_purchase_at: string | null
    last_purchase_at: string | null
    /** Whole 24 h periods, as the segment attribute counts them. */
    days_since_last_purchase: number | null
  }
  favorites: {
    category: string | null
    product: { sku: string; name: string | null } | null
    store: StoreRef | null
    /** 1–7, Monday = 1; local time. */
    weekday: number | null
    hour: number | null
  }
  preferences: {
    categories: PortraitShare[]
    stores: (Omit<PortraitShare, 'value'> & { store: { id: number; code: string | null; name: string | null } })[]
    channels: PortraitShare[]
    /** Units by local weekday and hour: `heatmap[weekday - 1][hour]`, Monday first. */
    heatmap: number[][]
  }
  /** The last 12 local months, oldest first; `net` may be negative (returns). */
  spend_by_month: { month: string; sales: string; refunds: string; net: string }[]
  /** Quintile scores 1–5; null for members who never purchased. */
  rfm: { r: number | null; f: number | null; m: number | null; group: RfmGroup | null }
  tags: { code: string; name: string; source: TagSource; since: string }[]
  coupons: { usable: number; redeemed: number; expired: number }
}

export interface MemberDetail extends Member {
  tier_progress: TierProgress
  /** Issued, not yet redeemed or expired. */
  usable_coupons: number
  /** Absent from servers older than the portrait. */
  portrait?: Portrait
}

interface TimelineItem<K extends TimelineKind, D> {
  /** `kind:id`, unique across pages. */
  id: string
  kind: K
  at: string
  data: D
}

type NamedRef = { code: string | null; name: string | null }

/** One thing that happened to a member (backend queries/members/timeline.ts). */
export type TimelineEntry =
  | TimelineItem<
      TimelineKind.Order,
      { order_id: number; order_no: string; type: OrderType; channel: string; amount: string; refunded: string; points: number | null; store: NamedRef }
    >
  | TimelineItem<TimelineKind.Event, { event_id: string; type: string; props: Record<string, unknown> | null }>
  | TimelineItem<TimelineKind.Points, { kind: PointsKind; points: number; balance_after: number; reason: string | null; order_id: number | null }>
  | TimelineItem<TimelineKind.CouponIssued, { code: string; source: string; template: NamedRef; expires_at: string | null }>
  | TimelineItem<TimelineKind.CouponRedeemed, { code: string; template: NamedRef; channel: string | null; order_no: string | null; store: NamedRef | null }>
  | TimelineItem<TimelineKind.TierChange, { from: string | null; to: string; reason: string | null }>
  | TimelineItem<TimelineKind.TagAdded, { code: string; name: string; source: TagSource }>

export interface TimelinePage {
  /** Newest first. */
  data: TimelineEntry[]
  /** Pass as `before` for the next (older) page; null at the end. */
  next_before: string | null
}

export interface MemberFilters {
  /** A phone, a member no (M + digits) or the start of a name. */
  q?: string
  tier?: string
  store_id?: number | null
  owner_staff_id?: number | null
}

export interface PointsEntry {
  id: number
  kind: PointsKind
  points: number
  balance_after: number
  source_ref: string | null
  order_id: number | null
  expires_at: string | null
  reason: string | null
  created_at: string
}

export interface CouponTemplateRef {
  id: number
  code: string
  name: string
  kind: CouponKind
  value: string
  min_spend: string
  channels: CouponChannel[]
}

export interface MemberCoupon {
  code: string
  member_id: number
  status: CouponStatus
  source: string
  template: CouponTemplateRef | null
  issued_at: string
  valid_from: string | null
  expires_at: string | null
  redeemed_at: string | null
  redeemed_channel: string | null
  redeemed_order_no: string | null
  void_reason: string | null
}

export interface OrderLine {
  id: number
  sku: string
  name: string
  category: string | null
  qty: number
  unit_price: string
  amount: string
  /** On a sale line: how many were returned since. */
  returned_qty: number
  /** On a return line: the sale line it returns. */
  original_line_id: number | null
}

export interface MemberOrder {
  id: number
  order_no: string
  type: OrderType
  channel: SalesChannel
  store: StoreRef | null
  /** On a return: the sale it returns. */
  original_order_id: number | null
  total: string
  discount: string
  /** On a return: the amount refunded by it. */
  paid: string
  /** On a sale: what its returns have refunded so far. */
  refunded: string
  /** Negative on a return (points reversed); null when no member was known. */
  points_earned: number | null
  paid_at: string
  lines: OrderLine[]
}

export interface AdjustPointsResult {
  entry_id: number
  points: number
  points_balance: number
}

export interface ExchangePointsResult {
  coupon: { code: string; template_id: number; expires_at: string | null }
  points_balance: number
}

export interface MergeResult {
  survivor_id: number
  merged_id: number
  moved: {
    member_identities: number
    orders: number
    order_lines: number
    coupons: number
    referrals: number
    points: number
  }
  tier: string
  points_balance: number
}

const page = async <T>(url: string, query: PageQuery, options: RequestOptions) => {
  const { data } = await apiClient.get<Paginated<T>>(url, { params: compactParams(query), ...options })
  return data
}

export const membersApi = {
  list(query: MemberFilters & PageQuery, options: RequestOptions = {}): Promise<Paginated<Member>> {
    return page<Member>('/members', query, options)
  },

  /** 404 when the member is outside the caller's scope. */
  async get(id: number, options: RequestOptions = {}): Promise<MemberDetail> {
    const { data } = await apiClient.get<MemberDetail>(`/members/${id}`, options)
    return data
  },

  /** Newest first. */
  points(id: number, query: PageQuery, options: RequestOptions = {}): Promise<Paginated<PointsEntry>> {
    return page<PointsEntry>(`/members/${id}/points`, query, options)
  },

  coupons(id: number, query: PageQuery, options: RequestOptions = {}): Promise<Paginated<MemberCoupon>> {
    return page<MemberCoupon>(`/members/${id}/coupons`, query, options)
  },

  /** Newest first; returns are orders of their own, linked by `original_order_id`. */
  orders(id: number, query: PageQuery, options: RequestOptions = {}): Promise<Paginated<MemberOrder>> {
    return page<MemberOrder>(`/members/${id}/orders`, query, options)
  },

  /** Newest first, across orders, events, points, coupons, tiers and tags; pages back with `before`. */
  async timeline(id: number, query: { before?: string | null; limit?: number }, options: RequestOptions = {}): Promise<TimelinePage> {
    const { data } = await apiClient.get<TimelinePage>(`/members/${id}/timeline`, { params: compactParams(query), ...options })
    return data
  },

  async setOwner(id: number, staffId: number, options: RequestOptions = {}): Promise<Member> {
    const { data } = await apiClient.put<Member>(`/members/${id}/owner`, { staff_id: staffId }, options)
    return data
  },

  /** Admin only. `points` is a non-zero integer; negative debits. */
  async adjustPoints(id: number, input: { points: number; reason: string }, options: IdempotentRequestOptions): Promise<AdjustPointsResult> {
    const { data } = await apiClient.post<AdjustPointsResult>(`/members/${id}/points/adjust`, input, idempotent(options))
    return data
  },

  /** 409 `insufficient_points` when the balance is below the template's points cost. */
  async exchangePoints(id: number, templateId: number, options: IdempotentRequestOptions): Promise<ExchangePointsResult> {
    const { data } = await apiClient.post<ExchangePointsResult>(
      `/members/${id}/points/exchange`,
      { template_id: templateId },
      idempotent(options)
    )
    return data
  },

  /** Admin only; 409 when either member is not active. */
  async merge(survivorId: number, mergedId: number, options: RequestOptions = {}): Promise<MergeResult> {
    const { data } = await apiClient.post<MergeResult>('/members/merge', { survivor_id: survivorId, merged_id: mergedId }, options)
    return data
  },
}
