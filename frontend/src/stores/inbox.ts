import { defineStore } from 'pinia'
import { conversationsApi, type ChatMessage, type ConversationStatsRow, type ConversationSummary } from '@/api/conversations'
import { userMessage } from '@/api/errors'
import { ConversationFilter } from '@/enums/chat'
import { applyMessage, sortByActivity, totalUnread } from '@/chat/inbox'
import { previewLabels } from '@/chat/labels'
import { initialMeta, initialUiFlags, loadPage } from './list'

/** Rows of the inbox per page: a guide's day fits on one. */
export const INBOX_PER_PAGE = 30
/** A conversation not on screen that receives a message is fetched with the list, once per burst. */
export const REFRESH_DEBOUNCE_MS = 600

const emptyFilters = () => ({ filter: ConversationFilter.All, q: '' })

let refreshTimer: ReturnType<typeof setTimeout> | null = null

/**
 * The inbox: conversations (scoped by the server: a guide's, a store's, all), kept in order and
 * counted as messages arrive, and the response-times card of store managers and HQ.
 */
export const useInboxStore = defineStore('inbox', {
  state: () => ({
    records: [] as ConversationSummary[],
    meta: initialMeta(INBOX_PER_PAGE),
    filters: emptyFilters(),
    uiFlags: initialUiFlags(),
    stats: { records: [] as ConversationStatsRow[], days: 7, uiFlags: initialUiFlags() },
  }),

  getters: {
    unreadTotal: (state) => totalUnread(state.records),
    byId: (state) => (id: number) => state.records.find((row) => row.id === id),
    hasFilters: (state) => state.filters.filter !== ConversationFilter.All || state.filters.q.trim() !== '',
  },

  actions: {
    async fetch(page?: number) {
      await loadPage(this, () =>
        conversationsApi.list(
          { filter: this.filters.filter, q: this.filters.q.trim(), page: page ?? this.meta.page, per_page: this.meta.per_page },
          { silent: true }
        )
      )
    },

    async search() {
      await this.fetch(1)
    },

    async setFilter(filter: ConversationFilter) {
      this.filters.filter = filter
      await this.fetch(1)
    },

    async resetFilters() {
      this.filters = emptyFilters()
      await this.fetch(1)
    },

    /** The list again soon: several pushes in a burst make one request. */
    refreshSoon() {
      if (refreshTimer) clearTimeout(refreshTimer)
      refreshTimer = setTimeout(() => {
        refreshTimer = null
        void this.fetch()
      }, REFRESH_DEBOUNCE_MS)
    },

    /** A message arrived (pushed, or sent from here): the row moves to the top with its counts. */
    applyMessage(conversationId: number, message: ChatMessage, isOpen: boolean) {
      const index = this.records.findIndex((row) => row.id === conversationId)
      if (index < 0) {
        // A conversation this page does not show yet: it belongs on top of the first page.
        if (this.meta.page === 1) this.refreshSoon()
        return
      }
      const next = applyMessage(this.records[index]!, message, { isOpen, labels: previewLabels() })
      if (next === this.records[index]) return
      const rows = [...this.records]
      rows[index] = next
      this.records = sortByActivity(rows)
    },

    markRead(conversationId: number) {
      const row = this.records.find((record) => record.id === conversationId)
      if (row) row.unread = 0
    },

    /** A row the server sent again (after a takeover or a transfer). */
    replace(conversation: ConversationSummary) {
      const index = this.records.findIndex((row) => row.id === conversation.id)
      if (index >= 0) this.records[index] = { ...this.records[index]!, ...conversation }
    },

    /** Response times over the last `days` days (a store manager: their store). */
    async fetchStats(days?: number) {
      if (days !== undefined) this.stats.days = days
      days = this.stats.days
      const to = new Date()
      const from = new Date(to.getTime() - days * 24 * 3600 * 1000)
      this.stats.uiFlags.isFetching = true
      this.stats.uiFlags.fetchError = null
      try {
        this.stats.records = await conversationsApi.stats({ from: from.toISOString(), to: to.toISOString() }, { silent: true })
      } catch (error) {
        this.stats.uiFlags.fetchError = userMessage(error)
      } finally {
        this.stats.uiFlags.isFetching = false
      }
    },
  },
})
