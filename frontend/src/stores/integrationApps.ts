import { defineStore } from 'pinia'
import {
  integrationAppsApi,
  type CreateIntegrationAppInput,
  type CreatedIntegrationApp,
  type IntegrationApp,
} from '@/api/integrationApps'
import { initialMeta, initialUiFlags, loadPage, saving } from './list'

export const useIntegrationAppsStore = defineStore('integrationApps', {
  state: () => ({
    records: [] as IntegrationApp[],
    meta: initialMeta(),
    uiFlags: initialUiFlags(),
  }),

  actions: {
    async fetch(page?: number) {
      await loadPage(this, () => integrationAppsApi.list({ page: page ?? this.meta.page, per_page: this.meta.per_page }, { silent: true }))
    },

    /**
     * Returns the created app with its secret for the one-time dialog. The secret is never kept
     * in the store: it must not outlive that dialog.
     */
    async create(input: CreateIntegrationAppInput): Promise<CreatedIntegrationApp> {
      const created = await saving(this.uiFlags, () => integrationAppsApi.create(input, { silent: true }))
      await this.fetch(1)
      return created
    },

    async revoke(id: number) {
      const app = await integrationAppsApi.revoke(id)
      const index = this.records.findIndex((record) => record.id === id)
      if (index >= 0) this.records[index] = { ...this.records[index]!, ...app }
      return app
    },
  },
})
