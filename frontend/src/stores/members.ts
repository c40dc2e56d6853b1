import { defineStore } from 'pinia'
import { membersApi, type Member, type MemberFilters } from '@/api/members'
import { initialMeta, initialUiFlags, loadPage } from './list'

const emptyFilters = (): MemberFilters => ({ q: '', tier: '', store_id: null, owner_staff_id: null })

/** The members list; the server scopes it by role (a guide's own, a store's, or all). */
export const useMembersStore = defineStore('members', {
  state: () => ({
    records: [] as Member[],
    meta: initialMeta(),
    filters: emptyFilters(),
    uiFlags: initialUiFlags(),
  }),

  getters: {
    hasFilters: (state) => Object.values(state.filters).some((value) => value !== '' && value !== null && value !== undefined),
  },

  actions: {
    async fetch(page?: number) {
      await loadPage(this, () =>
        membersApi.list(
          { ...this.filters, q: this.filters.q?.trim(), page: page ?? this.meta.page, per_page: this.meta.per_page },
          { silent: true }
        )
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
