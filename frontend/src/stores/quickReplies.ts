import { defineStore } from 'pinia'
import { quickRepliesApi, type QuickReply, type QuickReplyFilters, type QuickReplyInput } from '@/api/quickReplies'
import { userMessage } from '@/api/errors'
import { initialMeta, initialUiFlags, loadPage, saving } from './list'

/** The most replies the composer's `/` picker and the sidebar hold (one request). */
export const PICKER_SIZE = 100

const emptyFilters = (): QuickReplyFilters => ({ q: '', category: '', scope: '' })

/**
 * Quick replies (话术库): the page's paginated list, and the picker's set (the first 100, most
 * used first) that the composer and the sidebar search as you type.
 */
export const useQuickRepliesStore = defineStore('quickReplies', {
  state: () => ({
    records: [] as QuickReply[],
    meta: initialMeta(50),
    filters: emptyFilters(),
    uiFlags: initialUiFlags(),
    picker: { records: [] as QuickReply[], loaded: false, uiFlags: initialUiFlags() },
  }),

  getters: {
    hasFilters: (state) => Object.values(state.filters).some((value) => value !== '' && value !== undefined),
    categories: (state) => [...new Set([...state.records, ...state.picker.records].map((reply) => reply.category?.trim()).filter((c): c is string => Boolean(c)))].sort(),
  },

  actions: {
    async fetch(page?: number) {
      await loadPage(this, () =>
        quickRepliesApi.list({ ...this.filters, q: this.filters.q?.trim(), page: page ?? this.meta.page, per_page: this.meta.per_page }, { silent: true })
      )
    },

    async search() {
      await this.fetch(1)
    },

    async resetFilters() {
      this.filters = emptyFilters()
      await this.fetch(1)
    },

    /** The picker's set, once per page view (`force` after an edit). */
    async loadPicker(force = false) {
      if ((this.picker.loaded && !force) || this.picker.uiFlags.isFetching) return
      this.picker.uiFlags.isFetching = true
      this.picker.uiFlags.fetchError = null
      try {
        const page = await quickRepliesApi.list({ per_page: PICKER_SIZE }, { silent: true })
        this.picker.records = page.data
        this.picker.loaded = true
      } catch (error) {
        this.picker.uiFlags.fetchError = userMessage(error)
      } finally {
        this.picker.uiFlags.isFetching = false
      }
    },

    /** Errors are the dialog's to show. */
    async create(input: QuickReplyInput) {
      const reply = await saving(this.uiFlags, () => quickRepliesApi.create(input, { silent: true }))
      this.picker.loaded = false
      await this.fetch()
      return reply
    },

    async update(id: number, input: Partial<QuickReplyInput>) {
      const reply = await saving(this.uiFlags, () => quickRepliesApi.update(id, input, { silent: true }))
      this.picker.loaded = false
      await this.fetch()
      return reply
    },

    /** After a confirm: failures are toasted by the request client. */
    async remove(id: number) {
      await quickRepliesApi.remove(id)
      this.picker.loaded = false
      await this.fetch()
    },

    /** The reply's text filled for the member (counts one use); errors go to the caller. */
    async use(reply: QuickReply, memberId: number | null) {
      const text = await quickRepliesApi.use(reply.id, memberId, { silent: true })
      reply.use_count += 1
      return text
    },
  },
})
