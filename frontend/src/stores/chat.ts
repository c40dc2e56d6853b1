import { defineStore } from 'pinia'
import { conversationsApi, type ChatMessage, type ConversationDetail, type MessageContent } from '@/api/conversations'
import { userMessage } from '@/api/errors'
import { SenderType } from '@/enums/chat'
import { newIdempotencyKey } from '@/composables/useIdempotencyKey'
import {
  addMessages,
  addPending,
  advanceReceipts,
  catchUp,
  failPending,
  lastSeq,
  loadLatest,
  loadOlder,
  newThread,
  receiveMessage,
  resumePending,
  type MessagesLoader,
  type ThreadState,
} from '@/chat/thread'
import { sendErrorMessage } from '@/chat/labels'
import { consoleChat } from '@/realtime/consoleChat'
import type { ConversationUpdatedPayload, MessageNewPayload, MessageStatusPayload, TypingPayload } from '@/realtime/events'
import { useInboxStore } from './inbox'

const loader =
  (conversationId: number): MessagesLoader =>
  (query) =>
    conversationsApi.messages(conversationId, query, { silent: true })

const pageVisible = () => typeof document === 'undefined' || document.visibilityState !== 'hidden'

/**
 * The console's side of conversations: each opened conversation's messages (kept unique and in
 * `seq` order however they arrive), our messages on their way, the member's receipts and typing.
 * Socket pushes come in through `receive*`; after a reconnect `resync` catches every open
 * conversation up by `after_seq`.
 */
export const useChatStore = defineStore('chat', {
  state: () => ({
    threads: {} as Record<number, ThreadState>,
    details: {} as Record<number, ConversationDetail>,
    /** The conversation on screen. */
    activeId: null as number | null,
    detailError: null as string | null,
  }),

  getters: {
    active: (state): ThreadState | null => (state.activeId === null ? null : (state.threads[state.activeId] ?? null)),
    activeDetail: (state): ConversationDetail | null => (state.activeId === null ? null : (state.details[state.activeId] ?? null)),
  },

  actions: {
    thread(conversationId: number): ThreadState {
      this.threads[conversationId] ??= newThread(conversationId)
      return this.threads[conversationId]!
    },

    /** Shows a conversation: its latest messages (or what came since), then marks it read. */
    async open(conversationId: number) {
      this.activeId = conversationId
      const thread = this.thread(conversationId)
      const row = useInboxStore().byId(conversationId)
      await Promise.all([
        this.fetchDetail(conversationId),
        thread.loaded ? catchUp(thread, loader(conversationId)) : loadLatest(thread, loader(conversationId), row?.last_seq),
      ])
      if (this.activeId === conversationId) await this.markRead(conversationId)
    },

    close() {
      this.activeId = null
    },

    async fetchDetail(conversationId: number) {
      this.detailError = null
      try {
        const detail = await conversationsApi.get(conversationId, { silent: true })
        this.details[conversationId] = detail
        const member = detail.participants?.find((p) => p.type === SenderType.Member)
        if (member) {
          const thread = this.thread(conversationId)
          thread.receipts = advanceReceipts(thread.receipts, { delivered_seq: member.last_delivered_seq, read_seq: member.last_read_seq })
        }
      } catch (error) {
        if (this.activeId === conversationId) this.detailError = userMessage(error)
      }
    },

    async loadOlder(conversationId: number) {
      await loadOlder(this.thread(conversationId), loader(conversationId))
    },

    /** After a reconnect: what every loaded conversation missed, and the list's new order. */
    async resync() {
      const loaded = Object.values(this.threads).filter((thread) => thread.loaded)
      await Promise.all([...loaded.map((thread) => catchUp(thread, loader(thread.conversationId))), useInboxStore().fetch()])
      if (this.activeId !== null) await this.markRead(this.activeId)
    },

    receive({ conversation_id: conversationId, message }: MessageNewPayload) {
      const isOpen = this.activeId === conversationId && pageVisible()
      useInboxStore().applyMessage(conversationId, message, isOpen)
      const thread = this.threads[conversationId]
      if (thread) {
        if (receiveMessage(thread, message)) void catchUp(thread, loader(conversationId))
        if (message.sender_type === SenderType.Member) thread.typingAt = null
      }
      if (message.sender_type !== SenderType.Member) return
      const receipt = { conversation_id: conversationId, seq: message.seq }
      if (isOpen) {
        void consoleChat.receipt('message:read', receipt)
        useInboxStore().markRead(conversationId)
      } else {
        void consoleChat.receipt('message:delivered', receipt)
      }
    },

    /** A conversation changed hands (transfer, takeover): the list and the open one are fetched again. */
    conversationUpdated(update: ConversationUpdatedPayload) {
      useInboxStore().refreshSoon()
      if (this.details[update.conversation_id] || this.activeId === update.conversation_id) void this.fetchDetail(update.conversation_id)
    },

    /** Only the member's receipts move the ticks of our messages. */
    receiveStatus(status: MessageStatusPayload) {
      if (status.participant_type !== SenderType.Member) return
      const thread = this.threads[status.conversation_id]
      if (thread) thread.receipts = advanceReceipts(thread.receipts, status)
    },

    receiveTyping(typing: TypingPayload) {
      if (typing.sender_type !== SenderType.Member) return
      const thread = this.threads[typing.conversation_id]
      if (thread) thread.typingAt = Date.now()
    },

    /** Shows the message at once; it settles when the server acks it (retried across reconnects). */
    async send(conversationId: number, content: MessageContent) {
      const thread = this.thread(conversationId)
      const clientMsgId = newIdempotencyKey()
      addPending(thread, clientMsgId, content)
      consoleChat.resetTyping(conversationId)
      await this.deliver(conversationId, clientMsgId, content)
    },

    /** Sends a failed message again under its first `client_msg_id`: it is stored once at most. */
    async retry(conversationId: number, clientMsgId: string) {
      const thread = this.thread(conversationId)
      const entry = resumePending(thread, clientMsgId)
      if (entry) await this.deliver(conversationId, clientMsgId, entry.content)
    },

    async deliver(conversationId: number, clientMsgId: string, content: MessageContent) {
      const thread = this.thread(conversationId)
      try {
        const message = await consoleChat.send({ ...content, conversation_id: conversationId, client_msg_id: clientMsgId })
        this.stored(conversationId, message)
      } catch (error) {
        failPending(thread, clientMsgId, sendErrorMessage(error))
      }
    },

    /** Issues the coupon and posts its card in one step; failures (409) go back to the picker. */
    async sendCoupon(conversationId: number, templateId: number, clientMsgId = newIdempotencyKey()) {
      const message = await conversationsApi.sendCoupon(conversationId, { template_id: templateId, client_msg_id: clientMsgId }, { silent: true })
      this.stored(conversationId, message)
      return message
    },

    /** One of our messages the server stored (an ack or a REST answer). */
    stored(conversationId: number, message: ChatMessage) {
      addMessages(this.thread(conversationId), [message])
      useInboxStore().applyMessage(conversationId, message, true)
    },

    async markRead(conversationId: number) {
      const seq = lastSeq(this.thread(conversationId).messages)
      useInboxStore().markRead(conversationId)
      if (seq === 0) return
      try {
        await conversationsApi.read(conversationId, seq, { silent: true })
      } catch {
        // A lost read receipt is superseded by the next one.
      }
    },
  },
})
