import { apiClient, compactParams } from './client'
import type { PageQuery, Paginated, RequestOptions } from './types'
import type { ActivityTrigger, AutoTagAction, AutoTagRuleStatus } from '@/enums/tag'
import type { SegmentDefinition } from '@/segments/definition'

export interface AutoTagRule {
  id: number
  name: string
  tag_code: string | null
  tag_name: string | null
  definition: SegmentDefinition
  /** Take the tag from members who stop matching (only where this rule gave it). */
  remove_when_unmatched: boolean
  status: AutoTagRuleStatus
  last_run_at: string | null
  created_at: string
  updated_at: string
}

export interface AutoTagHit {
  id: number
  member_id: number
  member: { id: number; member_no: string; name: string | null } | null
  action: AutoTagAction
  trigger: ActivityTrigger
  created_at: string
}

export interface AutoTagRuleInput {
  name: string
  tag_code: string
  definition: SegmentDefinition
  remove_when_unmatched?: boolean
  status?: AutoTagRuleStatus
}

export const autoTagRulesApi = {
  async list(query: PageQuery, options: RequestOptions = {}): Promise<Paginated<AutoTagRule>> {
    const { data } = await apiClient.get<Paginated<AutoTagRule>>('/auto-tag-rules', { params: compactParams(query), ...options })
    return data
  },

  /** 422 errors name form fields (`tag_code`) or definition paths (`all[2].attr`). */
  async create(input: AutoTagRuleInput, options: RequestOptions = {}): Promise<AutoTagRule> {
    const { data } = await apiClient.post<AutoTagRule>('/auto-tag-rules', input, options)
    return data
  },

  async update(id: number, input: Partial<AutoTagRuleInput>, options: RequestOptions = {}): Promise<AutoTagRule> {
    const { data } = await apiClient.patch<AutoTagRule>(`/auto-tag-rules/${id}`, input, options)
    return data
  },

  async remove(id: number, options: RequestOptions = {}): Promise<void> {
    await apiClient.delete(`/auto-tag-rules/${id}`, options)
  },

  /** What the rule added and removed, newest first. */
  async hits(id: number, query: PageQuery, options: RequestOptions = {}): Promise<Paginated<AutoTagHit>> {
    const { data } = await apiClient.get<Paginated<AutoTagHit>>(`/auto-tag-rules/${id}/hits`, { params: compactParams(query), ...options })
    return data
  },
}
