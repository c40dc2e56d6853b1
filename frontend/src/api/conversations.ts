import { apiClient, compactParams } from './client'
import type { PageQuery, Paginated, RequestOptions, StaffRef } from './types'
import type { CouponKind } from '@/enums/loyalty'
import type { ConversationChannel, ConversationFilter, ConversationKind, MessageType, SenderType } from '@/enums/chat'

/*
 * Conversations and their messages (issue #6, CONTRACTS.md §6). The server scopes every list:
 * a guide sees their own conversations, a store manager the store's, HQ all; one outside the
 * caller's scope answers 404.
 */

export interface TextBody {
  text: string
}

export interface ImageBody {
  url: string
  width?: number | null
  height?: number | null
}

export interface LinkBody {
  url: string
  title?: string | null
  description?: string | null
}

/** The card of a coupon issued in the chat (`POST /conversations/:id/coupon`). */
export interface CouponBody {
  code: string
  name: string
  kind: CouponKind
  /** Yuan off, percent off or the gift's value: a decimal string. */
  value: string
  min_spend?: string | null
  valid_until: string | null
}

export interface ProductBody {
  sku: string
  name: string
  /** Decimal string (yuan); null when the product has no list price. */
  price: string | null
  category?: string | null
  image_url?: string | null
}

export interface SystemBody {
  text: string
  /** What happened (a transfer, a takeover …). */
  event?: string
}

/** What a message says, by type: the `{type, body}` of `message:send`. */
export type MessageContent =
  | { type: MessageType.Text; body: TextBody }
  | { type: MessageType.Image; body: ImageBody }
  | { type: MessageType.Link; body: LinkBody }
  | { type: MessageType.Coupon; body: CouponBody }
  | { type: MessageType.Product; body: ProductBody }
  | { type: MessageType.System; body: SystemBody }

/** A stored message, as `message:new` and `GET …/messages` carry it. */
export type ChatMessage = MessageContent & {
  id: number
  conversation_id?: number
  /** Rises by one per conversation, without gaps. */
  seq: number
  sender_type: SenderType
  sender_id?: number | null
  /** Who wrote it (a colleague who took over, a member of a group); null for system messages. */
  sender_name?: string | null
  /** The sender's own id for the message; a retry with it stores nothing new. */
  client_msg_id: string | null
  /** Where it was written: the web chat or WeCom (the archive feed). */
  source?: ConversationChannel | null
  created_at: string
}

export interface ConversationMember {
  id: number
  name: string | null
  /** Tier code. */
  tier: string | null
  tier_name?: string | null
}

/** One row of the inbox. */
export interface ConversationSummary {
  id: number
  kind: ConversationKind
  channel: ConversationChannel
  /** The member of a direct conversation; null for a group. */
  member: ConversationMember | null
  /** A group's name. */
  title: string | null
  owner: StaffRef | null
  last_seq: number
  last_message_at: string | null
  last_message_preview: string | null
  /** Messages the caller has not read. */
  unread: number
  /** Since when a member message has gone unanswered; null when answered. */
  waiting_since: string | null
  /** The id of the staff member who took the conversation over from its guide. */
  taken_over_by: number | null
  store_id?: number | null
}

export interface ConversationParticipant {
  type: SenderType.Staff | SenderType.Member
  id: number
  name: string | null
  last_delivered_seq: number
  last_read_seq: number
  joined_at?: string
  left_at?: string | null
}

export interface ConversationDetail extends Omit<ConversationSummary, 'member'> {
  /** The member in brief (the portrait has its own endpoint). */
  member: (ConversationMember & { member_no: string; phone: string | null; phone_masked: string | null; points_balance: number }) | null
  participants: ConversationParticipant[]
}

export interface ConversationQuery extends PageQuery {
  filter?: ConversationFilter
  q?: string
}

/** Ascending `seq`; `has_more` says whether another page lies beyond in the direction asked. */
export interface MessagesPage {
  messages: ChatMessage[]
  has_more: boolean
}

/** `after_seq` is exclusive (catch-up); `before_seq` pages back in time. */
export interface MessagesQuery {
  after_seq?: number
  before_seq?: number
  limit?: number
}

/** One guide's line of the response-times card. */
export interface ConversationStatsRow {
  staff: StaffRef & { store_id?: number | null }
  conversations: number
  /** Null when nobody waited for a first answer in the period. */
  median_first_response_seconds: number | null
  /** Conversations whose last member message is still unanswered. */
  unanswered: number
}

/** A web community group (HQ): its store's guides and manager take part when `store_id` is set. */
export interface CreateGroupInput {
  title: string
  store_id?: number | null
  member_ids: number[]
}

/** The most members one request adds to a group. */
export const MAX_GROUP_MEMBERS = 500

export interface StatsQuery {
  /** ISO dates. */
  from?: string
  to?: string
}

/** The most messages one page of `GET …/messages` may hold. */
export const MAX_MESSAGES_PAGE = 200
export const DEFAULT_MESSAGES_PAGE = 50
/** The longest text message the server takes. */
export const MAX_TEXT_LENGTH = 4000

export const conversationsApi = {
  async list(query: ConversationQuery, options: RequestOptions = {}): Promise<Paginated<ConversationSummary>> {
    const { data } = await apiClient.get<Paginated<ConversationSummary>>('/conversations', { params: compactParams(query), ...options })
    return data
  },

  /** 404 outside the caller's scope. */
  async get(id: number, options: RequestOptions = {}): Promise<ConversationDetail> {
    const { data } = await apiClient.get<ConversationDetail>(`/conversations/${id}`, options)
    return data
  },

  async messages(id: number, query: MessagesQuery, options: RequestOptions = {}): Promise<MessagesPage> {
    const { data } = await apiClient.get<MessagesPage>(`/conversations/${id}/messages`, { params: compactParams(query), ...options })
    return data
  },

  /** Marks the conversation read up to `seq` (the other side sees `message:status`). */
  async read(id: number, seq: number, options: RequestOptions = {}): Promise<void> {
    await apiClient.post(`/conversations/${id}/read`, { seq }, options)
  },

  /**
   * Issues a coupon from the template to the member and posts its card, in one step; the same
   * `client_msg_id` again answers the first card. 409 when the template cannot be issued.
   */
  async sendCoupon(id: number, input: { template_id: number; client_msg_id: string }, options: RequestOptions = {}): Promise<ChatMessage> {
    const { data } = await apiClient.post<{ message: ChatMessage } | ChatMessage>(`/conversations/${id}/coupon`, input, options)
    return 'message' in data && typeof data.message === 'object' ? data.message : (data as ChatMessage)
  },

  /** Store manager of the conversation's store, or HQ: answers in the guide's place from now on. */
  async takeover(id: number, options: RequestOptions = {}): Promise<ConversationDetail> {
    const { data } = await apiClient.post<ConversationDetail>(`/conversations/${id}/takeover`, null, options)
    return data
  },

  async transfer(id: number, staffId: number, options: RequestOptions = {}): Promise<ConversationDetail> {
    const { data } = await apiClient.post<ConversationDetail>(`/conversations/${id}/transfer`, { staff_id: staffId }, options)
    return data
  },

  /** HQ: opens a web community group; its members' chat pages hear of it at once. */
  async createGroup(input: CreateGroupInput, options: RequestOptions = {}): Promise<ConversationDetail> {
    const { data } = await apiClient.post<ConversationDetail>('/conversations/groups', compactParams({ ...input }), options)
    return data
  },

  /** HQ: adds members to a group; those already in it are left as they are. */
  async addGroupMembers(id: number, memberIds: number[], options: RequestOptions = {}): Promise<ConversationDetail & { added: number }> {
    const { data } = await apiClient.post<ConversationDetail & { added: number }>(`/conversations/groups/${id}/members`, { member_ids: memberIds }, options)
    return data
  },

  /** Per guide: conversations, median first response, unanswered (a store manager: their store). */
  async stats(query: StatsQuery, options: RequestOptions = {}): Promise<ConversationStatsRow[]> {
    const { data } = await apiClient.get<{ data: ConversationStatsRow[] } | ConversationStatsRow[]>('/conversations/stats', {
      params: compactParams(query),
      ...options,
    })
    return Array.isArray(data) ? data : data.data
  },
}
