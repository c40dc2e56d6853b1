import { apiClient, compactParams } from './client'
import type { PageQuery, Paginated, RequestOptions, StaffRef, StoreRef } from './types'
import type { QuickReplyScope } from '@/enums/chat'

/**
 * Quick replies (话术库): corp-wide, a store's, or one guide's own. The list holds the corp
 * replies, the caller's store's and the caller's own, most used first.
 */
export interface QuickReply {
  id: number
  scope: QuickReplyScope
  store_id: number | null
  /** The owner of a personal reply. */
  staff_id: number | null
  store?: StoreRef | null
  owner?: StaffRef | null
  category: string | null
  title: string
  /** May hold `{{member.name}}`, `{{member.tier}}`, `{{guide.name}}`, `{{store.name}}`. */
  content: string
  use_count: number
  created_by?: number | null
  created_at: string
  updated_at?: string
}

export interface QuickReplyFilters {
  q?: string
  category?: string
  scope?: QuickReplyScope | ''
}

export interface QuickReplyInput {
  scope: QuickReplyScope
  /** A store reply's store; the server takes the store manager's own when absent. */
  store_id?: number | null
  category: string | null
  title: string
  content: string
}

export const quickRepliesApi = {
  async list(query: QuickReplyFilters & PageQuery, options: RequestOptions = {}): Promise<Paginated<QuickReply>> {
    const { data } = await apiClient.get<Paginated<QuickReply>>('/quick-replies', { params: compactParams(query), ...options })
    return data
  },

  async create(input: QuickReplyInput, options: RequestOptions = {}): Promise<QuickReply> {
    const { data } = await apiClient.post<QuickReply>('/quick-replies', input, options)
    return data
  },

  async update(id: number, input: Partial<QuickReplyInput>, options: RequestOptions = {}): Promise<QuickReply> {
    const { data } = await apiClient.patch<QuickReply>(`/quick-replies/${id}`, input, options)
    return data
  },

  async remove(id: number, options: RequestOptions = {}): Promise<void> {
    await apiClient.delete(`/quick-replies/${id}`, options)
  },

  /** The text with the variables filled for `member_id` (and the caller as guide); counts one use. */
  async use(id: number, memberId: number | null, options: RequestOptions = {}): Promise<string> {
    const { data } = await apiClient.post<{ text: string }>(`/quick-replies/${id}/use`, memberId ? { member_id: memberId } : {}, options)
    return data.text
  },
}
