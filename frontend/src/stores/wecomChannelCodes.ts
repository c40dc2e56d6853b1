import { defineStore } from 'pinia'
import { wecomApi, type ChannelCode, type ChannelCodeDay, type ChannelCodeInput } from '@/api/wecom'
import { userMessage } from '@/api/errors'
import { initialMeta, initialUiFlags, loadPage, saving } from './list'

/** Days the statistics drawer shows. */
export const STATS_DAYS = 30

/** Channel codes (HQ) and the statistics of the one looked at. */
export const useWecomChannelCodesStore = defineStore('wecomChannelCodes', {
  state: () => ({
    records: [] as ChannelCode[],
    meta: initialMeta(),
    uiFlags: initialUiFlags(),
    stats: {
      codeId: null as number | null,
      days: [] as ChannelCodeDay[],
      uiFlags: initialUiFlags(),
    },
  }),

  actions: {
    async fetch(page?: number) {
      await loadPage(this, () => wecomApi.channelCodes({ page: page ?? this.meta.page, per_page: this.meta.per_page }, { silent: true }))
    },

    /** Errors are the dialog's to show. */
    async create(input: ChannelCodeInput) {
      const code = await saving(this.uiFlags, () => wecomApi.createChannelCode(input, { silent: true }))
      await this.fetch(1)
      return code
    },

    async update(id: number, input: ChannelCodeInput) {
      const code = await saving(this.uiFlags, () => wecomApi.updateChannelCode(id, input, { silent: true }))
      const index = this.records.findIndex((record) => record.id === id)
      if (index >= 0) this.records[index] = code
      return code
    },

    /** After a confirm: failures are toasted by the request client. */
    async remove(id: number) {
      await wecomApi.deleteChannelCode(id)
      await this.fetch(this.records.length === 1 && this.meta.page > 1 ? this.meta.page - 1 : undefined)
    },

    async fetchStats(codeId: number, days = STATS_DAYS) {
      const stats = this.stats
      if (stats.codeId !== codeId) {
        stats.codeId = codeId
        stats.days = []
      }
      stats.uiFlags.isFetching = true
      stats.uiFlags.fetchError = null
      try {
        const series = await wecomApi.channelCodeStats(codeId, days, { silent: true })
        if (stats.codeId === codeId) stats.days = series
      } catch (error) {
        if (stats.codeId === codeId) stats.uiFlags.fetchError = userMessage(error)
      } finally {
        if (stats.codeId === codeId) stats.uiFlags.isFetching = false
      }
    },
  },
})
