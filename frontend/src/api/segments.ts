import { apiClient, compactParams } from './client'
import type { PageQuery, Paginated, RequestOptions } from './types'
import type { Member } from './members'
import type { SegmentKind } from '@/enums/tag'
import type { SegmentDefinition } from '@/segments/definition'

/** A member as the preview samples them. */
export interface PreviewMember {
  id: number
  member_no: string
  name: string | null
  phone_masked: string | null
  /** Tier code. */
  tier: string | null
}

export interface PreviewResult {
  count: number
  members: PreviewMember[]
}

export interface PreviewInput {
  definition: SegmentDefinition
  /** Moves "now" for windows over orders, events and coupons (ISO 8601). */
  as_of?: string
  /** Sampled members, at most 1000. */
  limit?: number
}

export interface SegmentCountPoint {
  count: number
  counted_at: string
}

export interface Segment {
  id: number
  name: string
  kind: SegmentKind
  definition: SegmentDefinition
  /** When a static segment's members were taken. */
  snapshot_at: string | null
  /** The last recorded count (HQ), or a live count of the members the caller sees. */
  member_count: number | null
  counted_at: string | null
  created_by: number | null
  created_at: string
  updated_at: string
  /** Oldest first; `GET /segments/:id` has it, the list may not. */
  count_history?: SegmentCountPoint[]
}

export interface CreateSegmentInput {
  name: string
  kind: SegmentKind
  definition: SegmentDefinition
}

/** A static segment keeps its definition: only its name changes. */
export interface UpdateSegmentInput {
  name?: string
  definition?: SegmentDefinition
}

export const segmentsApi = {
  /** 422 errors name definition paths (`all[2].attr`). */
  async preview(input: PreviewInput, options: RequestOptions = {}): Promise<PreviewResult> {
    const { data } = await apiClient.post<PreviewResult>('/segments/preview', input, options)
    return data
  },

  async list(query: PageQuery, options: RequestOptions = {}): Promise<Paginated<Segment>> {
    const { data } = await apiClient.get<Paginated<Segment>>('/segments', { params: compactParams(query), ...options })
    return data
  },

  async get(id: number, options: RequestOptions = {}): Promise<Segment> {
    const { data } = await apiClient.get<Segment>(`/segments/${id}`, options)
    return data
  },

  async create(input: CreateSegmentInput, options: RequestOptions = {}): Promise<Segment> {
    const { data } = await apiClient.post<Segment>('/segments', input, options)
    return data
  },

  async update(id: number, input: UpdateSegmentInput, options: RequestOptions = {}): Promise<Segment> {
    const { data } = await apiClient.patch<Segment>(`/segments/${id}`, input, options)
    return data
  },

  async remove(id: number, options: RequestOptions = {}): Promise<void> {
    await apiClient.delete(`/segments/${id}`, options)
  },

  /** Dynamic: who matches now; static: the snapshot's members still active. Newest first. */
  async members(id: number, query: PageQuery, options: RequestOptions = {}): Promise<Paginated<Member>> {
    const { data } = await apiClient.get<Paginated<Member>>(`/segments/${id}/members`, { params: compactParams(query), ...options })
    return data
  },

  /** Counts the segment now and records the count in its history. */
  async refresh(id: number, options: RequestOptions = {}): Promise<SegmentCountPoint> {
    const { data } = await apiClient.post<SegmentCountPoint>(`/segments/${id}/refresh`, {}, options)
    return data
  },
}
