import { apiClient, compactParams } from './client'
import type { PageQuery, Paginated, RequestOptions } from './types'
import type { TagSource } from '@/enums/tag'
import type { SegmentDefinition } from '@/segments/definition'

export interface TagGroup {
  id: number
  code: string
  name: string
  created_at: string
}

export interface Tag {
  id: number
  /** Fixed for life: definitions (`{"tag": code}`) and URLs use it. */
  code: string
  name: string
  group: { id: number; code: string; name: string } | null
  /** Active members carrying it, among those the caller sees. */
  members?: number
  created_at: string
}

/** A tag on a member, with where it came from. */
export interface MemberTag {
  code: string
  name: string
  group: { code: string; name: string }
  source: TagSource
  source_ref: string | null
  staff_id: number | null
  created_at: string
}

export interface TagFilters {
  /** A group code. */
  group?: string
  q?: string
}

export interface CreateTagInput {
  group: string
  code: string
  name: string
}

export interface UpdateTagInput {
  group?: string
  name?: string
}

/** 200: tagged within the request; 202: a job tags a big segment (follow it on the Queues page). */
export type TagSegmentResult =
  | { status: 200; matched: number; tagged: number }
  | { status: 202; matched: number; job_id: string; queue: string }

export const tagsApi = {
  /** Not paginated: an enterprise has a handful of groups. */
  async groups(options: RequestOptions = {}): Promise<TagGroup[]> {
    const { data } = await apiClient.get<{ data: TagGroup[] }>('/tag-groups', options)
    return data.data
  },

  async createGroup(input: { code: string; name: string }, options: RequestOptions = {}): Promise<TagGroup> {
    const { data } = await apiClient.post<TagGroup>('/tag-groups', input, options)
    return data
  },

  /** By group, then code; each with how many members carry it. */
  async list(query: TagFilters & PageQuery, options: RequestOptions = {}): Promise<Paginated<Tag>> {
    const { data } = await apiClient.get<Paginated<Tag>>('/tags', { params: compactParams(query), ...options })
    return data
  },

  async create(input: CreateTagInput, options: RequestOptions = {}): Promise<Tag> {
    const { data } = await apiClient.post<Tag>('/tags', input, options)
    return data
  },

  async update(code: string, input: UpdateTagInput, options: RequestOptions = {}): Promise<Tag> {
    const { data } = await apiClient.patch<Tag>(`/tags/${encodeURIComponent(code)}`, input, options)
    return data
  },

  /**
   * 409 `tag_in_use` when members carry it and `force` is not given (force takes it from them);
   * 409 `tag_used_by_rule` while an auto-tag rule gives it.
   */
  async remove(code: string, force = false, options: RequestOptions = {}): Promise<{ code: string; members_untagged: number }> {
    const { data } = await apiClient.delete<{ code: string; members_untagged: number }>(`/tags/${encodeURIComponent(code)}`, {
      params: force ? { force: 1 } : {},
      ...options,
    })
    return data
  },

  async memberTags(memberId: number, options: RequestOptions = {}): Promise<MemberTag[]> {
    const { data } = await apiClient.get<{ data: MemberTag[] }>(`/members/${memberId}/tags`, options)
    return data.data
  },

  /** Answers the codes newly added (tags already carried keep their source) and all the member's tags. */
  async tagMember(memberId: number, codes: string[], options: RequestOptions = {}): Promise<{ added: string[]; data: MemberTag[] }> {
    const { data } = await apiClient.post<{ added: string[]; data: MemberTag[] }>(`/members/${memberId}/tags`, { tag_codes: codes }, options)
    return data
  },

  async untagMember(memberId: number, code: string, options: RequestOptions = {}): Promise<void> {
    await apiClient.delete(`/members/${memberId}/tags/${encodeURIComponent(code)}`, options)
  },

  /** Tags everyone in a segment (HQ). */
  async tagSegment(code: string, input: { definition: SegmentDefinition; as_of?: string }, options: RequestOptions = {}): Promise<TagSegmentResult> {
    const response = await apiClient.post<Omit<TagSegmentResult, 'status'>>(`/tags/${encodeURIComponent(code)}/segment`, input, options)
    return { ...response.data, status: response.status === 202 ? 202 : 200 } as TagSegmentResult
  },
}
