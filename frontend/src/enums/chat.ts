/** Mirrors the conversations API and socket surface (CONTRACTS.md §6, issue #6). */

export enum ConversationKind {
  Direct = 'direct',
  Group = 'group',
}

/** Where a conversation's member talks to us: the web chat page or WeCom (answered from WeCom itself). */
export enum ConversationChannel {
  Web = 'web',
  Wecom = 'wecom',
}

export enum SenderType {
  Staff = 'staff',
  Member = 'member',
  System = 'system',
}

export enum MessageType {
  Text = 'text',
  Image = 'image',
  Link = 'link',
  Coupon = 'coupon',
  Product = 'product',
  System = 'system',
}

/** The inbox filters of `GET /conversations?filter=`. */
export enum ConversationFilter {
  All = 'all',
  Unread = 'unread',
  Waiting = 'waiting',
}

/**
 * Where one of our own messages stands, as its ticks show it. `sending` and `failed` are local
 * (no ack yet, or the server refused it); the others follow `message:status`.
 */
export enum DeliveryState {
  Sending = 'sending',
  Failed = 'failed',
  Sent = 'sent',
  Delivered = 'delivered',
  Read = 'read',
}

export enum QuickReplyScope {
  Corp = 'corp',
  Store = 'store',
  Personal = 'personal',
}

/** The codes of a refused socket ack (`{ok:false, errors:[{code}]}`). */
export enum SocketErrorCode {
  NotFound = 'not_found',
  Forbidden = 'forbidden',
  Invalid = 'invalid',
  /** Sending faster than the server accepts from one socket. */
  RateLimited = 'rate_limited',
  /** Local: no ack came back in time, even after the retries. */
  Timeout = 'timeout',
}

export const CONVERSATION_FILTERS = Object.values(ConversationFilter)
export const QUICK_REPLY_SCOPES = Object.values(QuickReplyScope)

/** Where the member chat page stands, from the link to a live chat. */
export enum MemberChatPhase {
  Loading = 'loading',
  Ready = 'ready',
  /** No ticket in the address and no token on this phone. */
  NoLink = 'no_link',
  /** The ticket was used or expired, and no token is kept on this phone. */
  LinkExpired = 'link_expired',
  /** The member has no chat with a guide yet (no owning guide). */
  NoConversation = 'no_conversation',
  /** The kept token no longer works (expired after 30 days, or revoked). */
  SessionExpired = 'session_expired',
  /** Anything else (offline, server down): try again. */
  Failed = 'failed',
}
