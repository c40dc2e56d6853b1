import { defineStore } from 'pinia'
import { storesApi, type CreateStoreInput, type Store, type StoreFilters, type UpdateStoreInput } from '@/api/stores'
import { initialMeta, initialUiFlags, loadPage, saving } from './list'

const emptyFilters = (): StoreFilters => ({ q: '', region_id: null })

/** The chain's retail stores. */
export const useStoresStore = defineStore('stores', {
  state: () => ({
    records: [] as Store[],
    meta: initialMeta(),
    filters: emptyFilters(),
    uiFlags: initialUiFlags(),
  }),

  getters: {
    hasFilters: (state) => Boolean(state.filters.q) || state.filters.region_id !== null,
  },

  actions: {
    async fetch(page?: number) {
      await loadPage(this, () =>
        storesApi.list({ ...this.filters, page: page ?? this.meta.page, per_page: this.meta.per_page }, { silent: true })
      )
    },

    async search() {
      await this.fetch(1)
    },

    async resetFilters() {
      this.filters = emptyFilters()
      await this.fetch(1)
    },

    async create(input: CreateStoreInput) {
      const store = await saving(this.uiFlags, () => storesApi.create(input, { silent: true }))
      await this.fetch()
      return store
    },

    async update(id: number, input: UpdateStoreInput) {
      const store = await saving(this.uiFlags, () => storesApi.update(id, input, { silent: true }))
      // The update answer does not count staff (it says 0); keep the list's count.
      const index = this.records.findIndex((record) => record.id === id)
      const current = this.records[index]
      if (current) this.records[index] = { ...store, staff_count: current.staff_count }
      return store
    },
  },
})
