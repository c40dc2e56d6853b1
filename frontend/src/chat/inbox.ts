import type { ChatMessage, ConversationSummary } from '@/api/conversations'
import { ConversationFilter, MessageType, SenderType } from '@/enums/chat'

/*
 * The inbox list as messages arrive: unread counts, "waiting for a reply", the last line, and
 * the order (latest activity first). Pure functions over the rows the API gave.
 */

/** A member message unanswered for this long counts as waiting (UX.md: "waiting for reply > 10 min"). */
export const WAITING_AFTER_MS = 10 * 60 * 1000

/** Whole minutes a member has been waiting for an answer at `now`; null when not waiting. */
export function waitingMinutes(conversation: Pick<ConversationSummary, 'waiting_since'>, now: number): number | null {
  if (!conversation.waiting_since) return null
  const since = Date.parse(conversation.waiting_since)
  if (Number.isNaN(since)) return null
  return Math.max(0, Math.floor((now - since) / 60_000))
}

/** Waiting for a reply for more than ten minutes. */
export function isWaiting(conversation: Pick<ConversationSummary, 'waiting_since'>, now: number): boolean {
  if (!conversation.waiting_since) return false
  const since = Date.parse(conversation.waiting_since)
  return !Number.isNaN(since) && now - since >= WAITING_AFTER_MS
}

export function matchesFilter(conversation: ConversationSummary, filter: ConversationFilter, now: number): boolean {
  if (filter === ConversationFilter.Unread) return conversation.unread > 0
  if (filter === ConversationFilter.Waiting) return isWaiting(conversation, now)
  return true
}

export function totalUnread(conversations: readonly Pick<ConversationSummary, 'unread'>[]): number {
  return conversations.reduce((sum, conversation) => sum + Math.max(0, conversation.unread), 0)
}

/** Words for a message type, for the last line of a row ("[优惠券] 满 100 减 20"). */
export type PreviewLabels = Record<Exclude<MessageType, MessageType.Text | MessageType.System>, string>

/** The last line of a row, as plain text. */
export function previewOf(message: ChatMessage, labels: PreviewLabels): string {
  switch (message.type) {
    case MessageType.Text:
    case MessageType.System:
      return message.body.text
    case MessageType.Image:
      return labels.image
    case MessageType.Link:
      return `${labels.link} ${message.body.title || message.body.url}`
    case MessageType.Coupon:
      return `${labels.coupon} ${message.body.name}`
    case MessageType.Product:
      return `${labels.product} ${message.body.name}`
  }
}

/**
 * The row after `message` arrived. Only a message newer than the row's `last_seq` counts (the
 * same event twice, or a catch-up of what the row already knew, changes nothing). A member's
 * message is unread unless the conversation is open in front of us, and starts the wait unless
 * one is running; an answer from our side ends it.
 */
export function applyMessage(
  conversation: ConversationSummary,
  message: ChatMessage,
  options: { isOpen: boolean; labels: PreviewLabels }
): ConversationSummary {
  if (message.seq <= conversation.last_seq) return conversation
  const fromMember = message.sender_type === SenderType.Member
  const fromStaff = message.sender_type === SenderType.Staff
  return {
    ...conversation,
    last_seq: message.seq,
    last_message_at: message.created_at,
    last_message_preview: previewOf(message, options.labels),
    unread: fromMember && !options.isOpen ? conversation.unread + 1 : conversation.unread,
    waiting_since: fromMember ? (conversation.waiting_since ?? message.created_at) : fromStaff ? null : conversation.waiting_since,
  }
}

const activity = (conversation: ConversationSummary) => (conversation.last_message_at ? Date.parse(conversation.last_message_at) : 0)

/** Latest activity first; ties keep their order. */
export function sortByActivity(conversations: readonly ConversationSummary[]): ConversationSummary[] {
  return [...conversations].sort((a, b) => activity(b) - activity(a))
}
