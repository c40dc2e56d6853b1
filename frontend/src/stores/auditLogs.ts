import { defineStore } from 'pinia'
import { auditLogsApi, type AuditLog, type AuditLogFilters } from '@/api/auditLogs'
import { initialMeta, initialUiFlags, loadPage } from './list'

const emptyFilters = (): AuditLogFilters => ({ actor_type: '', subject_type: '', action: '' })

export const useAuditLogsStore = defineStore('auditLogs', {
  state: () => ({
    records: [] as AuditLog[],
    meta: initialMeta(50),
    filters: emptyFilters(),
    uiFlags: initialUiFlags(),
  }),

  getters: {
    hasFilters: (state) => Object.values(state.filters).some(Boolean),
  },

  actions: {
    async fetch(page?: number) {
      await loadPage(this, () =>
        auditLogsApi.list({ ...this.filters, page: page ?? this.meta.page, per_page: this.meta.per_page }, { silent: true })
      )
    },

    async search() {
      await this.fetch(1)
    },

    async resetFilters() {
      this.filters = emptyFilters()
      await this.fetch(1)
    },
  },
})
