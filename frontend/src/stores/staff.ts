import { defineStore } from 'pinia'
import { staffApi, type CreateStaffInput, type Staff, type StaffFilters, type UpdateStaffInput } from '@/api/staff'
import { StaffStatus } from '@/enums/staff'
import { initialMeta, initialUiFlags, loadPage, saving } from './list'

const emptyFilters = (): StaffFilters => ({ q: '', role: '', status: '', store_id: null })

export const useStaffStore = defineStore('staff', {
  state: () => ({
    records: [] as Staff[],
    meta: initialMeta(),
    filters: emptyFilters(),
    uiFlags: initialUiFlags(),
  }),

  getters: {
    hasFilters: (state) => Object.values(state.filters).some((value) => value !== '' && value !== null),
  },

  actions: {
    async fetch(page?: number) {
      await loadPage(this, () =>
        staffApi.list({ ...this.filters, page: page ?? this.meta.page, per_page: this.meta.per_page }, { silent: true })
      )
    },

    async search() {
      await this.fetch(1)
    },

    async resetFilters() {
      this.filters = emptyFilters()
      await this.fetch(1)
    },

    /** Errors are the form's to show, hence silent. */
    async create(input: CreateStaffInput) {
      const staff = await saving(this.uiFlags, () => staffApi.create(input, { silent: true }))
      await this.fetch()
      return staff
    },

    async update(id: number, input: UpdateStaffInput) {
      const staff = await saving(this.uiFlags, () => staffApi.update(id, input, { silent: true }))
      this.replace(staff)
      return staff
    },

    /** Status changes from the list: failures are toasted by the request client. */
    async setStatus(id: number, status: StaffStatus) {
      const staff = await staffApi.update(id, { status })
      this.replace(staff)
      return staff
    },

    replace(staff: Staff) {
      const index = this.records.findIndex((record) => record.id === staff.id)
      if (index >= 0) this.records[index] = staff
    },
  },
})
