import { defineStore } from 'pinia'
import { wecomApi, type GroupFilters, type WecomGroup, type WecomGroupDetail } from '@/api/wecom'
import { userMessage } from '@/api/errors'
import { initialMeta, initialUiFlags, loadPage } from './list'

const emptyFilters = (): GroupFilters => ({ q: '', status: '' })

/** Customer groups (scoped by role on the server) and the one opened. */
export const useWecomGroupsStore = defineStore('wecomGroups', {
  state: () => ({
    records: [] as WecomGroup[],
    meta: initialMeta(),
    filters: emptyFilters(),
    uiFlags: initialUiFlags(),
    detail: null as WecomGroupDetail | null,
    detailFlags: initialUiFlags(),
  }),

  getters: {
    hasFilters: (state) => Boolean(state.filters.q || state.filters.status),
  },

  actions: {
    async fetch(page?: number) {
      await loadPage(this, () =>
        wecomApi.groups({ ...this.filters, q: this.filters.q?.trim(), page: page ?? this.meta.page, per_page: this.meta.per_page }, { silent: true })
      )
    },

    async search() {
      await this.fetch(1)
    },

    async resetFilters() {
      this.filters = emptyFilters()
      await this.fetch(1)
    },

    async load(id: number) {
      if (this.detail?.id !== id) this.detail = null
      this.detailFlags.isFetching = true
      this.detailFlags.fetchError = null
      try {
        this.detail = await wecomApi.group(id, { silent: true })
      } catch (error) {
        this.detailFlags.fetchError = userMessage(error)
      } finally {
        this.detailFlags.isFetching = false
      }
    },
  },
})
