import { defineStore } from 'pinia'
import { segmentsApi, type CreateSegmentInput, type Segment, type SegmentCountPoint, type UpdateSegmentInput } from '@/api/segments'
import { initialMeta, initialUiFlags, loadPage, saving } from './list'

/**
 * Saved segments (HQ): the list with each segment's count history (its sparkline), and the
 * writes of the builder. Errors of writes go back to the builder, which places them.
 */
export const useSegmentsStore = defineStore('segments', {
  state: () => ({
    records: [] as Segment[],
    meta: initialMeta(),
    uiFlags: initialUiFlags(),
    /** Count history by segment id, oldest first. */
    histories: {} as Record<number, SegmentCountPoint[]>,
  }),

  actions: {
    async fetch(page?: number) {
      await loadPage(this, () => segmentsApi.list({ page: page ?? this.meta.page, per_page: this.meta.per_page }, { silent: true }))
      await this.fetchHistories()
    },

    /**
     * The list may not carry the count history; each segment's own page does. A sparkline that
     * cannot load stays empty: the last count is still shown.
     */
    async fetchHistories() {
      await Promise.all(
        this.records.map(async (segment) => {
          if (segment.count_history) {
            this.histories[segment.id] = segment.count_history
            return
          }
          try {
            this.histories[segment.id] = (await segmentsApi.get(segment.id, { silent: true })).count_history ?? []
          } catch {
            this.histories[segment.id] = []
          }
        })
      )
    },

    async create(input: CreateSegmentInput) {
      return saving(this.uiFlags, () => segmentsApi.create(input, { silent: true }))
    },

    async update(id: number, input: UpdateSegmentInput) {
      const segment = await saving(this.uiFlags, () => segmentsApi.update(id, input, { silent: true }))
      const index = this.records.findIndex((record) => record.id === id)
      if (index >= 0) this.records[index] = segment
      return segment
    },

    /** Counts now and records it; the history grows by one point. Failures are toasted. */
    async refresh(id: number) {
      const point = await segmentsApi.refresh(id)
      this.histories[id] = [...(this.histories[id] ?? []), point]
      return point
    },

    /** Failures are toasted by the request client. */
    async remove(id: number) {
      await segmentsApi.remove(id)
      delete this.histories[id]
      await this.fetch(this.records.length === 1 && this.meta.page > 1 ? this.meta.page - 1 : undefined)
    },
  },
})
