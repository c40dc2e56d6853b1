import { defineStore } from 'pinia'
import { tagsApi, type CreateTagInput, type Tag, type TagFilters, type TagGroup, type UpdateTagInput } from '@/api/tags'
import { userMessage } from '@/api/errors'
import { initialMeta, initialUiFlags, loadPage, saving } from './list'

const emptyFilters = (): TagFilters => ({ group: '', q: '' })

/** Tag groups and their tags, with how many members carry each (Tags page, HQ). */
export const useTagsStore = defineStore('tags', {
  state: () => ({
    groups: [] as TagGroup[],
    groupsError: null as string | null,
    records: [] as Tag[],
    meta: initialMeta(),
    filters: emptyFilters(),
    uiFlags: initialUiFlags(),
  }),

  getters: {
    hasFilters: (state) => Boolean(state.filters.group || state.filters.q),
  },

  actions: {
    async fetchGroups() {
      this.groupsError = null
      try {
        this.groups = await tagsApi.groups({ silent: true })
      } catch (error) {
        this.groupsError = userMessage(error)
      }
    },

    async fetch(page?: number) {
      await loadPage(this, () =>
        tagsApi.list({ ...this.filters, q: this.filters.q?.trim(), page: page ?? this.meta.page, per_page: this.meta.per_page }, { silent: true })
      )
    },

    async showGroup(code: string) {
      this.filters.group = code
      await this.fetch(1)
    },

    async resetFilters() {
      this.filters = emptyFilters()
      await this.fetch(1)
    },

    /** Errors are the dialog's to show. */
    async createGroup(input: { code: string; name: string }) {
      const group = await saving(this.uiFlags, () => tagsApi.createGroup(input, { silent: true }))
      await this.fetchGroups()
      return group
    },

    async create(input: CreateTagInput) {
      const tag = await saving(this.uiFlags, () => tagsApi.create(input, { silent: true }))
      await this.fetch()
      return tag
    },

    async update(code: string, input: UpdateTagInput) {
      const tag = await saving(this.uiFlags, () => tagsApi.update(code, input, { silent: true }))
      await this.fetch()
      return tag
    },

    /** Errors (409 in use, 409 given by a rule) are the page's to explain. */
    async remove(code: string, force: boolean) {
      const result = await tagsApi.remove(code, force, { silent: true })
      await this.fetch(this.records.length === 1 && this.meta.page > 1 ? this.meta.page - 1 : undefined)
      return result
    },
  },
})
