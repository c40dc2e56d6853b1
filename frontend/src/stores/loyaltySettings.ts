import { defineStore } from 'pinia'
import { loyaltySettingsApi, type LoyaltySettings } from '@/api/loyaltySettings'
import { userMessage } from '@/api/errors'
import { initialUiFlags, saving } from './list'

export const useLoyaltySettingsStore = defineStore('loyaltySettings', {
  state: () => ({
    record: null as LoyaltySettings | null,
    uiFlags: initialUiFlags(),
  }),

  actions: {
    async fetch() {
      this.uiFlags.isFetching = true
      this.uiFlags.fetchError = null
      try {
        this.record = await loyaltySettingsApi.get({ silent: true })
      } catch (error) {
        this.uiFlags.fetchError = userMessage(error)
      } finally {
        this.uiFlags.isFetching = false
      }
    },

    async save(settings: LoyaltySettings) {
      this.record = await saving(this.uiFlags, () => loyaltySettingsApi.update(settings, { silent: true }))
      return this.record
    },
  },
})
