import axios from 'axios'
import { currentLocale } from '@/i18n'
import { readMemberToken } from '@/chat/memberToken'
import { API_BASE_URL } from './client'
import { toApiError } from './errors'
import type { MessagesPage, MessagesQuery } from './conversations'
import type { ConversationKind } from '@/enums/chat'

/*
 * The API as the member chat page (`/m/chat`) calls it, with the member's token. It has its own
 * request client: the console's carries the staff token and ends the staff session on a 401,
 * neither of which belongs on a member's phone. Errors are not toasted; the page explains them.
 */
export const memberClient = axios.create({
  baseURL: API_BASE_URL,
  timeout: 20_000,
  headers: { Accept: 'application/json' },
})

memberClient.interceptors.request.use((config) => {
  const token = readMemberToken()
  if (token) config.headers.set('Authorization', `Bearer ${token}`)
  config.headers.set('Accept-Language', currentLocale())
  return config
})

memberClient.interceptors.response.use(
  (response) => response,
  (error) => Promise.reject(toApiError(error))
)

export interface ChatMember {
  id: number
  name: string | null
  tier: { code: string; name: string } | null
  points_balance: number
}

export interface MemberSession {
  token: string
  member: ChatMember
}

/** `GET /member/me`: who the member is and their conversation with their guide (none yet: null). */
export interface MemberMe {
  member: ChatMember
  conversation: {
    id: number
    last_seq?: number
    guide: { id: number; name: string; avatar?: string | null; store: { id?: number; name: string } | null } | null
  } | null
}

/** One of the member's conversations (`GET /member/conversations`): their guide chat or a community group. */
export interface MemberConversation {
  id: number
  kind: ConversationKind
  /** A group's name; null for the guide chat. */
  title: string | null
  guide: { id: number; name: string } | null
  last_seq: number
  last_message_at: string | null
  last_message_preview: string | null
  unread: number
}

export const memberChatApi = {
  /** Exchanges the one-time ticket of a chat link for a member token; 401 when used or expired. */
  async createSession(ticket: string): Promise<MemberSession> {
    const { data } = await memberClient.post<MemberSession>('/member/session', { ticket })
    return data
  },

  async me(): Promise<MemberMe> {
    const { data } = await memberClient.get<MemberMe>('/member/me')
    return data
  },

  /** Most recent first. */
  async conversations(): Promise<MemberConversation[]> {
    const { data } = await memberClient.get<{ data?: MemberConversation[] }>('/member/conversations')
    return Array.isArray(data?.data) ? data.data : []
  },

  async messages(conversationId: number, query: MessagesQuery): Promise<MessagesPage> {
    const params = Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined))
    const { data } = await memberClient.get<MessagesPage>(`/conversations/${conversationId}/messages`, { params })
    return data
  },
}
