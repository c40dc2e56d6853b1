import { defineStore } from 'pinia'
import type { Region } from '@/api/types'
import { regionsApi, type CreateRegionInput } from '@/api/regions'
import { userMessage } from '@/api/errors'
import { initialUiFlags } from './list'

export const useRegionsStore = defineStore('regions', {
  state: () => ({
    records: [] as Region[],
    uiFlags: initialUiFlags(),
    loaded: false,
  }),

  actions: {
    async fetch() {
      this.uiFlags.isFetching = true
      this.uiFlags.fetchError = null
      try {
        this.records = await regionsApi.list({ silent: true })
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

    async create(input: CreateRegionInput) {
      this.uiFlags.isSaving = true
      try {
        const region = await regionsApi.create(input, { silent: true })
        this.records = [...this.records, region].sort((a, b) => a.code.localeCompare(b.code))
        return region
      } finally {
        this.uiFlags.isSaving = false
      }
    },
  },
})
