import type { ChatMessage, MessageContent, MessagesPage, MessagesQuery } from '@/api/conversations'
import { DEFAULT_MESSAGES_PAGE, MAX_MESSAGES_PAGE } from '@/api/conversations'
import { userMessage } from '@/api/errors'
import { DeliveryState, SenderType } from '@/enums/chat'

/*
 * One conversation's messages as a client holds them. The server numbers messages by `seq`
 * (gapless, rising by one); the client keeps them unique by `id` and ordered by `seq`, whichever
 * way they arrive (the socket, a page back in time, a catch-up after a reconnect, the ack of a
 * send), so nothing shows twice and nothing is missed.
 */

/** One of our own messages before the server's ack (or after it refused). */
export interface PendingMessage {
  client_msg_id: string
  content: MessageContent
  created_at: string
  state: DeliveryState.Sending | DeliveryState.Failed
  error: string | null
}

/** How far the other side has got, as `message:status` reports it. */
export interface Receipts {
  delivered_seq: number
  read_seq: number
}

export interface ThreadState {
  conversationId: number
  /** Ascending `seq`, unique `id`. */
  messages: ChatMessage[]
  pending: PendingMessage[]
  /** True until a page back in time comes back without more. */
  hasOlder: boolean
  receipts: Receipts
  /** When the other side was last seen typing (ms since epoch). */
  typingAt: number | null
  loaded: boolean
  uiFlags: { isLoading: boolean; isLoadingOlder: boolean; isCatchingUp: boolean; fetchError: string | null }
}

/** Loads one page of a conversation's messages (the console's client or the member's). */
export type MessagesLoader = (query: MessagesQuery) => Promise<MessagesPage>

/** How long the typing indicator stays after the last `typing` event. */
export const TYPING_SHOWN_MS = 5000
/** Catch-up pages asked for in a row at most, so a misbehaving server cannot loop us forever. */
export const MAX_CATCH_UP_PAGES = 50

export function newThread(conversationId: number): ThreadState {
  return {
    conversationId,
    messages: [],
    pending: [],
    hasOlder: true,
    receipts: { delivered_seq: 0, read_seq: 0 },
    typingAt: null,
    loaded: false,
    uiFlags: { isLoading: false, isLoadingOlder: false, isCatchingUp: false, fetchError: null },
  }
}

/**
 * `current` with `incoming` added: one entry per `id` (a later copy replaces an earlier one),
 * ordered by `seq`. Neither list is changed.
 */
export function mergeMessages(current: readonly ChatMessage[], incoming: readonly ChatMessage[]): ChatMessage[] {
  if (incoming.length === 0) return [...current]
  const byId = new Map<number, ChatMessage>()
  for (const message of current) byId.set(message.id, message)
  for (const message of incoming) byId.set(message.id, message)
  return [...byId.values()].sort((a, b) => a.seq - b.seq || a.id - b.id)
}

/** The highest `seq` held; 0 when none. */
export function lastSeq(messages: readonly ChatMessage[]): number {
  return messages.length ? messages[messages.length - 1]!.seq : 0
}

export function firstSeq(messages: readonly ChatMessage[]): number | null {
  return messages.length ? messages[0]!.seq : null
}

/**
 * True when `message` is not the next one after what is held: some arrived while we were not
 * listening (a reconnect, a missed event), so a catch-up must fetch them before it is shown alone.
 */
export function hasGapBefore(thread: Pick<ThreadState, 'messages' | 'loaded'>, message: ChatMessage): boolean {
  return thread.loaded && message.seq > lastSeq(thread.messages) + 1
}

/** Pending messages the server has not yet stored: those whose `client_msg_id` is not among `messages`. */
export function unsettled(pending: readonly PendingMessage[], messages: readonly ChatMessage[]): PendingMessage[] {
  if (pending.length === 0) return []
  const stored = new Set(messages.map((message) => message.client_msg_id).filter(Boolean))
  return pending.filter((entry) => !stored.has(entry.client_msg_id))
}

/** Adds messages to the thread and drops the pending ones they settle. */
export function addMessages(thread: ThreadState, incoming: readonly ChatMessage[]) {
  thread.messages = mergeMessages(thread.messages, incoming)
  thread.pending = unsettled(thread.pending, thread.messages)
}

/** Receipts only move forward: a late, older status never takes a tick back. */
export function advanceReceipts(receipts: Receipts, update: { delivered_seq?: number | null; read_seq?: number | null }): Receipts {
  const read = Math.max(receipts.read_seq, update.read_seq ?? 0)
  // Read implies delivered.
  const delivered = Math.max(receipts.delivered_seq, update.delivered_seq ?? 0, read)
  return { delivered_seq: delivered, read_seq: read }
}

/** The ticks of one of our stored messages, from the other side's receipts. */
export function deliveryState(message: Pick<ChatMessage, 'seq'>, receipts: Receipts): DeliveryState {
  if (message.seq <= receipts.read_seq) return DeliveryState.Read
  if (message.seq <= receipts.delivered_seq) return DeliveryState.Delivered
  return DeliveryState.Sent
}

/** The side a message was written from: staff (the console) or the member. System messages are neither. */
export function isFromSide(message: Pick<ChatMessage, 'sender_type'>, side: SenderType.Staff | SenderType.Member): boolean {
  return message.sender_type === side
}

/** Whether the other side's typing indicator is still to be shown at `now`. */
export function isTyping(thread: Pick<ThreadState, 'typingAt'>, now: number): boolean {
  return thread.typingAt !== null && now - thread.typingAt < TYPING_SHOWN_MS
}

async function guarded(thread: ThreadState, flag: 'isLoading' | 'isLoadingOlder' | 'isCatchingUp', work: () => Promise<void>) {
  if (thread.uiFlags[flag]) return
  thread.uiFlags[flag] = true
  try {
    await work()
    thread.uiFlags.fetchError = null
  } catch (error) {
    thread.uiFlags.fetchError = userMessage(error)
  } finally {
    thread.uiFlags[flag] = false
  }
}

/**
 * The latest page. `lastKnownSeq` (from the inbox row) asks for the page just before it;
 * without it the server's default page is the latest.
 */
export function loadLatest(thread: ThreadState, load: MessagesLoader, lastKnownSeq?: number | null) {
  return guarded(thread, 'isLoading', async () => {
    const query: MessagesQuery = { limit: DEFAULT_MESSAGES_PAGE }
    if (lastKnownSeq) query.before_seq = lastKnownSeq + 1
    const page = await load(query)
    addMessages(thread, page.messages)
    thread.hasOlder = page.has_more && (firstSeq(thread.messages) ?? 1) > 1
    thread.loaded = true
    // Anything newer than the page we asked for (it moved on while we loaded).
    if (lastKnownSeq) await fetchNewer(thread, load)
  })
}

/** The page before the oldest message held (infinite scroll back in time). */
export function loadOlder(thread: ThreadState, load: MessagesLoader) {
  const before = firstSeq(thread.messages)
  if (!thread.loaded || !thread.hasOlder || before === null || before <= 1) {
    if (before !== null && before <= 1) thread.hasOlder = false
    return Promise.resolve()
  }
  return guarded(thread, 'isLoadingOlder', async () => {
    const page = await load({ before_seq: before, limit: DEFAULT_MESSAGES_PAGE })
    addMessages(thread, page.messages)
    thread.hasOlder = page.has_more && (firstSeq(thread.messages) ?? 1) > 1
  })
}

async function fetchNewer(thread: ThreadState, load: MessagesLoader) {
  for (let pages = 0; pages < MAX_CATCH_UP_PAGES; pages++) {
    const page = await load({ after_seq: lastSeq(thread.messages), limit: MAX_MESSAGES_PAGE })
    addMessages(thread, page.messages)
    if (!page.has_more || page.messages.length === 0) return
  }
}

/** Everything after the last message held, page by page (after a reconnect, or a gap). */
export function catchUp(thread: ThreadState, load: MessagesLoader) {
  if (!thread.loaded) return loadLatest(thread, load)
  return guarded(thread, 'isCatchingUp', () => fetchNewer(thread, load))
}

/**
 * A pushed message. Returns true when it showed a gap and a catch-up is needed: the message is
 * then held back, so the messages before it come first and in order.
 */
export function receiveMessage(thread: ThreadState, message: ChatMessage): boolean {
  if (!thread.loaded) {
    // The first page is on its way and may have been read before this message existed: keep it,
    // the page merges around it. A thread nobody opened ignores pushes; opening it fetches them.
    if (thread.uiFlags.isLoading) addMessages(thread, [message])
    return false
  }
  if (hasGapBefore(thread, message)) return true
  addMessages(thread, [message])
  return false
}

export function addPending(thread: ThreadState, clientMsgId: string, content: MessageContent): PendingMessage {
  const entry: PendingMessage = { client_msg_id: clientMsgId, content, created_at: new Date().toISOString(), state: DeliveryState.Sending, error: null }
  thread.pending.push(entry)
  return thread.pending[thread.pending.length - 1]!
}

export function failPending(thread: ThreadState, clientMsgId: string, error: string) {
  const entry = thread.pending.find((item) => item.client_msg_id === clientMsgId)
  if (entry) Object.assign(entry, { state: DeliveryState.Failed, error })
}

export function resumePending(thread: ThreadState, clientMsgId: string): PendingMessage | undefined {
  const entry = thread.pending.find((item) => item.client_msg_id === clientMsgId)
  if (entry) Object.assign(entry, { state: DeliveryState.Sending, error: null })
  return entry
}
