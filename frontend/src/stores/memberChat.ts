import { defineStore } from 'pinia'
import { memberChatApi, type MemberMe } from '@/api/memberChat'
import { ApiError, userMessage } from '@/api/errors'
import { MemberChatPhase, MessageType, SenderType } from '@/enums/chat'
import { forgetMemberToken, readMemberToken, storeMemberToken } from '@/chat/memberToken'
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
import { newIdempotencyKey } from '@/composables/useIdempotencyKey'
import { connectMember, disconnectMember, memberChat } from '@/realtime/memberSocket'
import type { MessageNewPayload, MessageStatusPayload, TypingPayload } from '@/realtime/events'
import { RealtimeStatus } from './realtime'

const isUnauthorized = (error: unknown) => error instanceof ApiError && error.status === 401
const pageVisible = () => typeof document === 'undefined' || document.visibilityState !== 'hidden'

/**
 * The member chat page (`/m/chat`): the one-time ticket exchanged for a token kept on the phone,
 * the member and their guide, the one conversation with the guide, and the `/member` socket
 * that reconnects by itself and catches up by `after_seq`.
 */
export const useMemberChatStore = defineStore('memberChat', {
  state: () => ({
    phase: MemberChatPhase.Loading,
    me: null as MemberMe | null,
    thread: null as ThreadState | null,
    connection: RealtimeStatus.Disconnected,
    /** Why the page failed (phase `failed`), for people. */
    error: null as string | null,
  }),

  getters: {
    conversationId: (state) => state.me?.conversation?.id ?? null,
  },

  actions: {
    /**
     * From the link to a live chat. A fresh ticket gives a token; a used or expired one is fine
     * when this phone already holds a token (the member opened the same link again).
     */
    async start(ticket: string | null) {
      this.phase = MemberChatPhase.Loading
      this.error = null
      if (ticket) {
        try {
          const session = await memberChatApi.createSession(ticket)
          storeMemberToken(session.token)
        } catch (error) {
          if (!isUnauthorized(error)) return this.fail(error)
          if (!readMemberToken()) {
            this.phase = MemberChatPhase.LinkExpired
            return
          }
        }
      } else if (!readMemberToken()) {
        this.phase = MemberChatPhase.NoLink
        return
      }

      try {
        this.me = await memberChatApi.me()
      } catch (error) {
        if (isUnauthorized(error)) return this.expire()
        return this.fail(error)
      }
      if (!this.me.conversation) {
        this.phase = MemberChatPhase.NoConversation
        return
      }
      const thread = newThread(this.me.conversation.id)
      this.thread = thread
      await loadLatest(thread, this.loader(), this.me.conversation.last_seq)
      if (this.phase !== MemberChatPhase.Loading) return
      this.phase = MemberChatPhase.Ready
      this.connect()
    },

    /** Pages of the member's conversation; a 401 on any of them ends the session. */
    loader(): MessagesLoader {
      const id = this.conversationId!
      return async (query) => {
        try {
          return await memberChatApi.messages(id, query)
        } catch (error) {
          if (isUnauthorized(error)) this.expire()
          throw error
        }
      }
    },

    fail(error: unknown) {
      this.error = userMessage(error)
      this.phase = MemberChatPhase.Failed
    },

    /** The token stopped working: forget it and ask for a new link. */
    expire() {
      forgetMemberToken()
      disconnectMember()
      this.connection = RealtimeStatus.Disconnected
      this.phase = MemberChatPhase.SessionExpired
    },

    connect() {
      const token = readMemberToken()
      if (!token) return this.expire()
      connectMember(
        token,
        {
          'message:new': (payload) => this.receive(payload),
          'message:status': (payload) => this.receiveStatus(payload),
          typing: (payload) => this.receiveTyping(payload),
          // Transferred to another guide: show who answers now.
          'conversation:updated': () => void this.refreshMe(),
        },
        {
          connected: () => {
            this.connection = RealtimeStatus.Connected
            void this.markRead()
          },
          reconnected: () => void this.resync(),
          disconnected: () => (this.connection = RealtimeStatus.Disconnected),
          connecting: () => (this.connection = RealtimeStatus.Connecting),
          unauthorized: () => this.expire(),
        }
      )
    },

    stop() {
      disconnectMember()
      this.connection = RealtimeStatus.Disconnected
    },

    /** After a reconnect: the messages missed, and the points and tier as they are now. */
    async resync() {
      if (!this.thread) return
      await Promise.all([catchUp(this.thread, this.loader()), this.refreshMe()])
      await this.markRead()
    },

    async refreshMe() {
      try {
        this.me = await memberChatApi.me()
      } catch (error) {
        if (isUnauthorized(error)) this.expire()
      }
    },

    receive({ conversation_id: conversationId, message }: MessageNewPayload) {
      const thread = this.thread
      if (!thread || conversationId !== thread.conversationId) return
      if (receiveMessage(thread, message)) void catchUp(thread, this.loader())
      if (message.sender_type !== SenderType.Staff) return
      thread.typingAt = null
      const receipt = { conversation_id: conversationId, seq: message.seq }
      void memberChat.receipt(pageVisible() ? 'message:read' : 'message:delivered', receipt)
    },

    /** Only the staff side's receipts move the ticks of the member's messages. */
    receiveStatus(status: MessageStatusPayload) {
      if (status.participant_type !== SenderType.Staff || !this.thread || status.conversation_id !== this.thread.conversationId) return
      this.thread.receipts = advanceReceipts(this.thread.receipts, status)
    },

    receiveTyping(typing: TypingPayload) {
      if (typing.sender_type !== SenderType.Staff || !this.thread || typing.conversation_id !== this.thread.conversationId) return
      this.thread.typingAt = Date.now()
    },

    async loadOlder() {
      if (this.thread) await loadOlder(this.thread, this.loader())
    },

    /** Members write text (the server takes text and images from them). */
    async send(text: string) {
      const thread = this.thread
      if (!thread || !text.trim()) return
      const clientMsgId = newIdempotencyKey()
      addPending(thread, clientMsgId, { type: MessageType.Text, body: { text } })
      memberChat.resetTyping(thread.conversationId)
      await this.deliver(clientMsgId)
    },

    async retry(clientMsgId: string) {
      if (this.thread && resumePending(this.thread, clientMsgId)) await this.deliver(clientMsgId)
    },

    async deliver(clientMsgId: string) {
      const thread = this.thread
      const entry = thread?.pending.find((item) => item.client_msg_id === clientMsgId)
      if (!thread || !entry) return
      try {
        const message = await memberChat.send({ ...entry.content, conversation_id: thread.conversationId, client_msg_id: clientMsgId })
        addMessages(thread, [message])
      } catch (error) {
        failPending(thread, clientMsgId, sendErrorMessage(error))
      }
    },

    typing() {
      if (this.thread) memberChat.typing(this.thread.conversationId)
    },

    async markRead() {
      const thread = this.thread
      if (!thread || !pageVisible()) return
      const seq = lastSeq(thread.messages)
      if (seq > 0) await memberChat.receipt('message:read', { conversation_id: thread.conversationId, seq })
    },
  },
})
