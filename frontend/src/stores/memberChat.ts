import { defineStore } from 'pinia'
import { memberChatApi, type MemberConversation, type MemberMe } from '@/api/memberChat'
import { ApiError, userMessage } from '@/api/errors'
import { ConversationKind, MemberChatPhase, MessageType, SenderType } from '@/enums/chat'
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
 * the member and their guide, the conversation on screen (the guide chat, or one of the member's
 * community groups), and the `/member` socket that reconnects by itself and catches up by `after_seq`.
 */
export const useMemberChatStore = defineStore('memberChat', {
  state: () => ({
    phase: MemberChatPhase.Loading,
    me: null as MemberMe | null,
    /** The member's conversations, for the switcher (guide chat and groups). */
    conversations: [] as MemberConversation[],
    /** The conversation on screen; null: the guide chat. */
    activeId: null as number | null,
    thread: null as ThreadState | null,
    connection: RealtimeStatus.Disconnected,
    /** Why the page failed (phase `failed`), for people. */
    error: null as string | null,
  }),

  getters: {
    conversationId: (state) => state.activeId ?? state.me?.conversation?.id ?? null,
    groups: (state) => state.conversations.filter((c) => c.kind === ConversationKind.Group),
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
      await this.refreshConversations()
      // A member with no guide chat but in a group reads the group.
      this.activeId = this.me.conversation ? null : (this.groups[0]?.id ?? null)
      if (this.conversationId === null) {
        this.phase = MemberChatPhase.NoConversation
        return
      }
      const thread = newThread(this.conversationId)
      this.thread = thread
      await loadLatest(thread, this.loader(), this.me.conversation?.last_seq ?? this.groups[0]?.last_seq)
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

    /** The list is a convenience: when it cannot be read, the guide chat still works. */
    async refreshConversations() {
      try {
        this.conversations = await memberChatApi.conversations()
      } catch (error) {
        if (isUnauthorized(error)) this.expire()
      }
    },

    /** Shows another conversation (null: the guide chat); its messages replace the thread's. */
    async switchTo(id: number | null) {
      const target = id ?? this.me?.conversation?.id ?? null
      if (target === null || target === this.thread?.conversationId) return
      this.activeId = id
      this.thread = newThread(target)
      // The reactive thread, not the plain object: the page is on screen and follows its changes.
      const thread = this.thread
      const row = this.conversations.find((c) => c.id === target)
      if (row) row.unread = 0
      await loadLatest(thread, this.loader(), row?.last_seq)
      if (this.thread === thread) await this.markRead()
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
      if (!thread || conversationId !== thread.conversationId) return this.receiveElsewhere(conversationId, message)
      if (receiveMessage(thread, message)) void catchUp(thread, this.loader())
      if (message.sender_type !== SenderType.Staff) return
      thread.typingAt = null
      const receipt = { conversation_id: conversationId, seq: message.seq }
      void memberChat.receipt(pageVisible() ? 'message:read' : 'message:delivered', receipt)
    },

    /** A message in a conversation not on screen: counted unread; a group new to the page is fetched. */
    receiveElsewhere(conversationId: number, message: MessageNewPayload['message']) {
      const row = this.conversations.find((c) => c.id === conversationId)
      if (!row) return void this.refreshConversations()
      row.last_seq = Math.max(row.last_seq, message.seq)
      if (!(message.sender_type === SenderType.Member && message.sender_id === this.me?.member.id)) row.unread += 1
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
