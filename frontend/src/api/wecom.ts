import { apiClient, compactParams } from './client'
import type { PageQuery, Paginated, RequestOptions, StaffRef } from './types'
import type {
  BindingConflictReason,
  ContactStatus,
  FollowStatus,
  GroupChange,
  GroupMemberType,
  GroupStatus,
  HandoverItemStatus,
  HandoverKind,
  HandoverStatus,
  LostSource,
  SyncEntity,
  SyncKind,
  SyncPhase,
  SyncStatus,
} from '@/enums/wecom'

/*
 * The WeCom section of the API (base `/api/v1/wecom`). The server scopes every list by role: a
 * guide sees the contacts they follow, a store manager those of the store's staff, HQ all.
 */

/** A member as a contact's binding shows them. */
export interface BoundMember {
  id: number
  name: string | null
  member_no: string
  /** Masked for guides, as everywhere. */
  phone: string | null
}

export interface ContactRef {
  id: number
  name: string
  external_userid: string
}

export interface ChannelCodeRef {
  id: number
  name: string
}

/** One guide's side of a contact: WeCom's `follow_user`. */
export interface WecomFollow {
  id: number
  /** Null when the WeCom user is not (yet) linked to a staff account. */
  staff: StaffRef | null
  wecom_userid: string
  remark: string | null
  description: string | null
  /** WeCom's `add_way` code (1 QR code, 2 phone search, …). */
  add_way: number | null
  /** The `state` of the contact way the customer came through. */
  state: string | null
  channel_code: ChannelCodeRef | null
  status: FollowStatus
  added_at: string
  deleted_at: string | null
}

export interface WecomContactTag {
  id: number
  name: string
  group: { id: number; name: string }
}

/** An external contact (a customer on WeChat or WeCom). */
export interface WecomContact {
  id: number
  external_userid: string
  name: string
  avatar: string | null
  /** WeCom's type: 1 WeChat user, 2 WeCom user. */
  type: number
  /** 0 unknown, 1 male, 2 female. */
  gender: number
  unionid: string | null
  corp_name: string | null
  status: ContactStatus
  member: BoundMember | null
  follows: WecomFollow[]
  tags: WecomContactTag[]
  created_at: string
}

export type BoundFilter = 'yes' | 'no'

export interface ContactFilters {
  /** A name, a remark or an external user id. */
  q?: string
  staff_id?: number | null
  bound?: BoundFilter | ''
  channel_code_id?: number | null
  status?: ContactStatus | ''
}

/** A contact that matches more than one member (by unionid or phone): an admin picks the right one. */
export interface BindingConflict {
  id: number
  contact: ContactRef
  reason: BindingConflictReason
  candidates: BoundMember[]
  created_at: string
}

export interface WecomGroup {
  id: number
  chat_id: string
  name: string
  owner: { wecom_userid: string; staff: StaffRef | null }
  notice: string | null
  status: GroupStatus
  member_count: number
  bound_member_count: number
  created_at: string
  dismissed_at: string | null
}

export interface GroupFilters {
  q?: string
  status?: GroupStatus | ''
}

export interface WecomGroupMember {
  id: number
  type: GroupMemberType
  /** A staff userid or an external_userid. */
  userid: string
  name: string | null
  member: { id: number; name: string | null; member_no: string } | null
  join_time: string | null
  /** WeCom's join_scene: 1 invited directly, 2 invite link, 3 group QR code. */
  join_scene: number | null
  /** The userid of who invited them. */
  invitor: string | null
}

/** Someone named in a history entry: their id, with their name when it was known. */
export type GroupPerson = string | { userid: string; name?: string | null }

export interface GroupHistoryEntry {
  id: number
  change: GroupChange
  detail: {
    added?: GroupPerson[]
    removed?: GroupPerson[]
    /** The new name (change_name) or the name at creation. */
    name?: string | null
    /** The new owner (change_owner) or the creator. */
    owner?: GroupPerson | null
    notice?: string | null
  } | null
  at: string
}

export interface WecomGroupDetail extends WecomGroup {
  members: WecomGroupMember[]
  history: GroupHistoryEntry[]
}

export interface ChannelCodeStats {
  added: number
  lost: number
  bound: number
  welcomed: number
}

/** A channel code (渠道活码): a contact way whose `state` tells where a new contact came from. */
export interface ChannelCode {
  id: number
  name: string
  state: string
  config_id: string | null
  /** The QR image's URL, once WeCom has made it. */
  qr_code: string | null
  skip_verify: boolean
  staff: StaffRef[]
  welcome_text: string | null
  welcome_attachments: Record<string, unknown>[]
  stats: ChannelCodeStats
  created_at: string
}

export interface ChannelCodeInput {
  name: string
  /** The guides the code adds customers to. */
  staff_ids: number[]
  welcome_text: string | null
  skip_verify: boolean
}

export interface ChannelCodeDay {
  /** YYYY-MM-DD, local to the brand. */
  date: string
  added: number
  lost: number
}

export interface SyncCounts {
  created: number
  updated: number
  unchanged: number
  removed: number
}

/** A full or incremental sync with WeCom. The socket event `wecom:sync` carries the same body. */
export interface SyncRun {
  id: number
  kind: SyncKind
  status: SyncStatus
  phase: SyncPhase | null
  progress: { done: number; total: number }
  /** Filled as each entity finishes; null before. */
  summary: Partial<Record<SyncEntity, SyncCounts>> | null
  error: string | null
  started_at: string | null
  finished_at: string | null
}

export interface LostCustomer {
  id: number
  contact: ContactRef
  staff: StaffRef | null
  source: LostSource
  member: { id: number; name: string | null } | null
  at: string
}

export interface HandoverCounts {
  waiting: number
  done: number
  refused: number
  failed: number
  limit?: number
  pending?: number
}

export interface Handover {
  id: number
  kind: HandoverKind
  handover_staff: StaffRef | null
  takeover_staff: StaffRef | null
  status: HandoverStatus
  counts: HandoverCounts
  created_at: string
}

export interface HandoverItem {
  external_userid: string
  contact_name: string | null
  status: HandoverItemStatus
  /** WeCom's errcode when the transfer failed. */
  errcode: number | null
  updated_at: string
}

export interface HandoverDetail extends Handover {
  items: HandoverItem[]
}

export interface CreateHandoverInput {
  kind: HandoverKind
  handover_staff_id: number
  takeover_staff_id: number
  /** Omitted: every customer of the handover guide. */
  external_userids?: string[]
  include_groups?: boolean
}

const BASE = '/wecom'

async function page<T>(url: string, query: object, options: RequestOptions): Promise<Paginated<T>> {
  const { data } = await apiClient.get<Paginated<T>>(`${BASE}${url}`, { params: compactParams(query), ...options })
  return data
}

async function one<T>(url: string, options: RequestOptions): Promise<T> {
  const { data } = await apiClient.get<T>(`${BASE}${url}`, options)
  return data
}

export const wecomApi = {
  contacts(query: ContactFilters & PageQuery, options: RequestOptions = {}): Promise<Paginated<WecomContact>> {
    return page<WecomContact>('/contacts', query, options)
  },

  contact(id: number, options: RequestOptions = {}): Promise<WecomContact> {
    return one<WecomContact>(`/contacts/${id}`, options)
  },

  /** Binds the contact to a member (admin, HQ); also how a binding conflict is settled. */
  async bindMember(contactId: number, memberId: number, options: RequestOptions = {}): Promise<WecomContact> {
    const { data } = await apiClient.put<WecomContact>(`${BASE}/contacts/${contactId}/member`, { member_id: memberId }, options)
    return data
  },

  async unbindMember(contactId: number, options: RequestOptions = {}): Promise<void> {
    await apiClient.delete(`${BASE}/contacts/${contactId}/member`, options)
  },

  bindingConflicts(query: PageQuery, options: RequestOptions = {}): Promise<Paginated<BindingConflict>> {
    return page<BindingConflict>('/binding-conflicts', query, options)
  },

  groups(query: GroupFilters & PageQuery, options: RequestOptions = {}): Promise<Paginated<WecomGroup>> {
    return page<WecomGroup>('/groups', query, options)
  },

  group(id: number, options: RequestOptions = {}): Promise<WecomGroupDetail> {
    return one<WecomGroupDetail>(`/groups/${id}`, options)
  },

  channelCodes(query: PageQuery, options: RequestOptions = {}): Promise<Paginated<ChannelCode>> {
    return page<ChannelCode>('/channel-codes', query, options)
  },

  channelCode(id: number, options: RequestOptions = {}): Promise<ChannelCode> {
    return one<ChannelCode>(`/channel-codes/${id}`, options)
  },

  async createChannelCode(input: ChannelCodeInput, options: RequestOptions = {}): Promise<ChannelCode> {
    const { data } = await apiClient.post<ChannelCode>(`${BASE}/channel-codes`, input, options)
    return data
  },

  async updateChannelCode(id: number, input: ChannelCodeInput, options: RequestOptions = {}): Promise<ChannelCode> {
    const { data } = await apiClient.put<ChannelCode>(`${BASE}/channel-codes/${id}`, input, options)
    return data
  },

  /** Also removes the contact way in WeCom; contacts it brought keep their channel. */
  async deleteChannelCode(id: number, options: RequestOptions = {}): Promise<void> {
    await apiClient.delete(`${BASE}/channel-codes/${id}`, options)
  },

  /** Added and lost per day over the last `days` days, oldest first. */
  async channelCodeStats(id: number, days = 30, options: RequestOptions = {}): Promise<ChannelCodeDay[]> {
    const { data } = await apiClient.get<{ series: ChannelCodeDay[] }>(`${BASE}/channel-codes/${id}/stats`, { params: { days }, ...options })
    return data.series
  },

  /** 202: the run is queued; follow it with `sync(id)` or the `wecom:sync` event. */
  async startSync(kind: SyncKind, options: RequestOptions = {}): Promise<SyncRun> {
    const { data } = await apiClient.post<SyncRun>(`${BASE}/syncs`, { kind }, options)
    return data
  },

  /** Newest first. */
  syncs(query: PageQuery, options: RequestOptions = {}): Promise<Paginated<SyncRun>> {
    return page<SyncRun>('/syncs', query, options)
  },

  sync(id: number, options: RequestOptions = {}): Promise<SyncRun> {
    return one<SyncRun>(`/syncs/${id}`, options)
  },

  /** Newest first. */
  lostCustomers(query: PageQuery, options: RequestOptions = {}): Promise<Paginated<LostCustomer>> {
    return page<LostCustomer>('/lost-customers', query, options)
  },

  /** 202: WeCom transfers the customers; each item's result arrives later. */
  async createHandover(input: CreateHandoverInput, options: RequestOptions = {}): Promise<Handover> {
    const { data } = await apiClient.post<Handover>(`${BASE}/handovers`, input, options)
    return data
  },

  handovers(query: PageQuery, options: RequestOptions = {}): Promise<Paginated<Handover>> {
    return page<Handover>('/handovers', query, options)
  },

  handover(id: number, options: RequestOptions = {}): Promise<HandoverDetail> {
    return one<HandoverDetail>(`/handovers/${id}`, options)
  },
}
