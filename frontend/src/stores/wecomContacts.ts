import { defineStore } from 'pinia'
import { wecomApi, type ContactFilters, type LostCustomer, type WecomContact } from '@/api/wecom'
import { initialMeta, initialUiFlags, loadPage, saving, type ListState } from './list'

const emptyFilters = (): ContactFilters => ({ q: '', staff_id: null, bound: '', channel_code_id: null, status: '' })

/** WeCom contacts (scoped by role on the server) and the lost-customer log. */
export const useWecomContactsStore = defineStore('wecomContacts', {
  state: () => ({
    records: [] as WecomContact[],
    meta: initialMeta(),
    filters: emptyFilters(),
    uiFlags: initialUiFlags(),
    lost: { records: [], meta: initialMeta(), uiFlags: initialUiFlags() } as ListState<LostCustomer>,
  }),

  getters: {
    hasFilters: (state) => Object.values(state.filters).some((value) => value !== '' && value !== null && value !== undefined),
  },

  actions: {
    async fetch(page?: number) {
      await loadPage(this, () =>
        wecomApi.contacts({ ...this.filters, q: this.filters.q?.trim(), page: page ?? this.meta.page, per_page: this.meta.per_page }, { silent: true })
      )
    },

    async search() {
      await this.fetch(1)
    },

    async resetFilters() {
      this.filters = emptyFilters()
      await this.fetch(1)
    },

    /** Errors are the dialog's to show. */
    async bind(contactId: number, memberId: number) {
      await saving(this.uiFlags, () => wecomApi.bindMember(contactId, memberId, { silent: true }))
      await this.fetch()
    },

    /** From the list after a confirm: failures are toasted by the request client. */
    async unbind(contactId: number) {
      await wecomApi.unbindMember(contactId)
      await this.fetch()
    },

    async fetchLost(page?: number) {
      await loadPage(this.lost, () => wecomApi.lostCustomers({ page: page ?? this.lost.meta.page, per_page: this.lost.meta.per_page }, { silent: true }))
    },
  },
})
