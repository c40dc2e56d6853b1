import { defineStore } from 'pinia'
import { wecomApi, type BindingConflict } from '@/api/wecom'
import { initialMeta, initialUiFlags, loadPage } from './list'

/** Contacts that match several members: an admin picks the right one, which binds it. */
export const useWecomBindingConflictsStore = defineStore('wecomBindingConflicts', {
  state: () => ({
    records: [] as BindingConflict[],
    meta: initialMeta(),
    uiFlags: initialUiFlags(),
    /** The conflict being settled. */
    resolvingId: null as number | null,
  }),

  actions: {
    async fetch(page?: number) {
      await loadPage(this, () => wecomApi.bindingConflicts({ page: page ?? this.meta.page, per_page: this.meta.per_page }, { silent: true }))
    },

    /** Binds the contact to the picked candidate; the server closes the conflict. Failures are toasted. */
    async resolve(conflict: BindingConflict, memberId: number) {
      this.resolvingId = conflict.id
      try {
        await wecomApi.bindMember(conflict.contact.id, memberId)
      } finally {
        this.resolvingId = null
      }
      await this.fetch(this.records.length === 1 && this.meta.page > 1 ? this.meta.page - 1 : undefined)
    },
  },
})
