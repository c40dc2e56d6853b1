import { defineStore } from 'pinia'
import { healthApi, type HealthReport } from '@/api/health'
import { userMessage } from '@/api/errors'

export const useHealthStore = defineStore('health', {
  state: () => ({
    report: null as HealthReport | null,
    uiFlags: { isFetching: false, fetchError: null as string | null },
  }),

  actions: {
    async fetch() {
      this.uiFlags.isFetching = true
      this.uiFlags.fetchError = null
      try {
        this.report = await healthApi.get()
      } catch (error) {
        this.report = null
        this.uiFlags.fetchError = userMessage(error)
      } finally {
        this.uiFlags.isFetching = false
      }
    },
  },
})
