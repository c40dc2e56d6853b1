import { defineStore } from 'pinia'
import { autoTagRulesApi, type AutoTagHit, type AutoTagRule, type AutoTagRuleInput } from '@/api/autoTagRules'
import type { AutoTagRuleStatus } from '@/enums/tag'
import { initialMeta, initialUiFlags, loadPage, saving, type ListState } from './list'

/** Auto-tag rules (HQ) and the hit log of the rule being looked at. */
export const useAutoTagRulesStore = defineStore('autoTagRules', {
  state: () => ({
    records: [] as AutoTagRule[],
    meta: initialMeta(),
    uiFlags: initialUiFlags(),
    hitsOf: null as number | null,
    hits: { records: [], meta: initialMeta(), uiFlags: initialUiFlags() } as ListState<AutoTagHit>,
  }),

  actions: {
    async fetch(page?: number) {
      await loadPage(this, () => autoTagRulesApi.list({ page: page ?? this.meta.page, per_page: this.meta.per_page }, { silent: true }))
    },

    /** Errors (422 with fields or definition paths) are the dialog's to place. */
    async create(input: AutoTagRuleInput) {
      const rule = await saving(this.uiFlags, () => autoTagRulesApi.create(input, { silent: true }))
      await this.fetch(1)
      return rule
    },

    async update(id: number, input: Partial<AutoTagRuleInput>) {
      const rule = await saving(this.uiFlags, () => autoTagRulesApi.update(id, input, { silent: true }))
      this.replace(rule)
      return rule
    },

    /** The switch in the list: failures are toasted by the request client. */
    async setStatus(id: number, status: AutoTagRuleStatus) {
      this.replace(await autoTagRulesApi.update(id, { status }))
    },

    async remove(id: number) {
      await autoTagRulesApi.remove(id)
      await this.fetch(this.records.length === 1 && this.meta.page > 1 ? this.meta.page - 1 : undefined)
    },

    async fetchHits(ruleId: number, page = 1) {
      if (this.hitsOf !== ruleId) {
        this.hitsOf = ruleId
        this.hits.records = []
        this.hits.meta = initialMeta()
      }
      await loadPage(this.hits, () => autoTagRulesApi.hits(ruleId, { page, per_page: this.hits.meta.per_page }, { silent: true }))
    },

    replace(rule: AutoTagRule) {
      const index = this.records.findIndex((record) => record.id === rule.id)
      if (index >= 0) this.records[index] = rule
    },
  },
})
