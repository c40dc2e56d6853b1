export enum ConversationKind {
  Direct = 'direct',
  Group = 'group',
}

export enum ConversationChannel {
  Web = 'web',
  Wecom = 'wecom',
}

export enum ParticipantType {
  Staff = 'staff',
  Member = 'member',
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

/** What clients may send through `message:send`; coupon cards come from the coupon endpoint. */
export const STAFF_SENDABLE = [MessageType.Text, MessageType.Image, MessageType.Link, MessageType.Product] as const
export const MEMBER_SENDABLE = [MessageType.Text, MessageType.Image] as const

export enum MessageSource {
  Web = 'web',
  Wecom = 'wecom',
}

export enum QuickReplyScope {
  Corp = 'corp',
  Store = 'store',
  Personal = 'personal',
}

export const QUICK_REPLY_SCOPES = Object.values(QuickReplyScope)

export enum ConversationFilter {
  All = 'all',
  Unread = 'unread',
  Waiting = 'waiting',
}

export const CONVERSATION_FILTERS = Object.values(ConversationFilter)

/** Longest text message, in characters. */
export const MAX_TEXT_LENGTH = 4000
/** Chat-link tickets and member tokens: lifetimes of CONTRACTS section 6. */
export const TICKET_DAYS = 7
export const MEMBER_TOKEN_DAYS = 30
