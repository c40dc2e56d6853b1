import { defineStore } from 'pinia'
import { wecomApi, type CreateHandoverInput, type Handover, type HandoverDetail } from '@/api/wecom'
import { userMessage } from '@/api/errors'
import { initialMeta, initialUiFlags, loadPage, saving } from './list'

/** Handovers of a guide's customers to another guide, and the one opened. */
export const useWecomHandoversStore = defineStore('wecomHandovers', {
  state: () => ({
    records: [] as Handover[],
    meta: initialMeta(),
    uiFlags: initialUiFlags(),
    detail: null as HandoverDetail | null,
    detailFlags: initialUiFlags(),
  }),

  actions: {
    async fetch(page?: number) {
      await loadPage(this, () => wecomApi.handovers({ page: page ?? this.meta.page, per_page: this.meta.per_page }, { silent: true }))
    },

    /** Errors are the form's to show. The page opens the new handover; the list reloads when shown again. */
    async create(input: CreateHandoverInput) {
      return saving(this.uiFlags, () => wecomApi.createHandover(input, { silent: true }))
    },

    /** The handover with its items; a reload of the same one keeps it on screen meanwhile. */
    async load(id: number) {
      if (this.detail?.id !== id) this.detail = null
      this.detailFlags.isFetching = true
      this.detailFlags.fetchError = null
      try {
        this.detail = await wecomApi.handover(id, { silent: true })
      } catch (error) {
        this.detailFlags.fetchError = userMessage(error)
      } finally {
        this.detailFlags.isFetching = false
      }
    },
  },
})
