import { defineStore } from 'pinia'
import { tiersApi, type Tier, type TierInput } from '@/api/tiers'
import { userMessage } from '@/api/errors'
import { initialUiFlags, saving } from './list'

/** The tier ladder, lowest first. Read by every page that shows a tier badge or progress. */
export const useTiersStore = defineStore('tiers', {
  state: () => ({
    records: [] as Tier[],
    uiFlags: initialUiFlags(),
    loaded: false,
  }),

  getters: {
    byCode: (state) => (code: string | null | undefined) => state.records.find((tier) => tier.code === code),
  },

  actions: {
    async fetch() {
      this.uiFlags.isFetching = true
      this.uiFlags.fetchError = null
      try {
        this.records = await tiersApi.list({ silent: true })
        this.loaded = true
      } catch (error) {
        this.uiFlags.fetchError = userMessage(error)
      } finally {
        this.uiFlags.isFetching = false
      }
    },

    async ensureLoaded() {
      if (!this.loaded && !this.uiFlags.isFetching) await this.fetch()
    },

    /** Errors (422 `tiers.N.field`) are the editor's to place on their rows. */
    async save(tiers: TierInput[]) {
      this.records = await saving(this.uiFlags, () => tiersApi.replace(tiers, { silent: true }))
      this.loaded = true
      return this.records
    },
  },
})
