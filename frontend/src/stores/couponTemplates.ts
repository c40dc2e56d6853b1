import { defineStore } from 'pinia'
import {
  couponTemplatesApi,
  type CouponTemplate,
  type CouponTemplateFilters,
  type CreateCouponTemplateInput,
  type UpdateCouponTemplateInput,
} from '@/api/couponTemplates'
import { initialMeta, initialUiFlags, loadPage, saving } from './list'

const emptyFilters = (): CouponTemplateFilters => ({ status: '' })

export const useCouponTemplatesStore = defineStore('couponTemplates', {
  state: () => ({
    records: [] as CouponTemplate[],
    meta: initialMeta(),
    filters: emptyFilters(),
    uiFlags: initialUiFlags(),
  }),

  getters: {
    hasFilters: (state) => Boolean(state.filters.status),
  },

  actions: {
    async fetch(page?: number) {
      await loadPage(this, () =>
        couponTemplatesApi.list({ ...this.filters, page: page ?? this.meta.page, per_page: this.meta.per_page }, { silent: true })
      )
    },

    async search() {
      await this.fetch(1)
    },

    async resetFilters() {
      this.filters = emptyFilters()
      await this.fetch(1)
    },

    async create(input: CreateCouponTemplateInput) {
      const template = await saving(this.uiFlags, () => couponTemplatesApi.create(input, { silent: true }))
      await this.fetch(1)
      return template
    },

    /** Status changes from the list: failures are toasted by the request client. */
    async update(id: number, input: UpdateCouponTemplateInput) {
      const template = await couponTemplatesApi.update(id, input)
      this.replace(template)
      return template
    },

    /** Errors are the issue dialog's to show. */
    async issue(id: number, memberIds: number[], idempotencyKey: string) {
      const result = await saving(this.uiFlags, () => couponTemplatesApi.issue(id, memberIds, { idempotencyKey, silent: true }))
      // The issued count (the stock bar) moved.
      await this.fetch()
      return result
    },

    replace(template: CouponTemplate) {
      const index = this.records.findIndex((record) => record.id === template.id)
      if (index >= 0) this.records[index] = template
    },
  },
})
