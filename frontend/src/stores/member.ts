import { defineStore } from 'pinia'
import {
  membersApi,
  type MemberCoupon,
  type MemberDetail,
  type MemberOrder,
  type PointsEntry,
  type TimelineEntry,
} from '@/api/members'
import { couponsApi } from '@/api/coupons'
import { tagsApi } from '@/api/tags'
import { userMessage } from '@/api/errors'
import { initialMeta, initialUiFlags, loadPage, saving, type ListState } from './list'

const list = <T>(perPage?: number): ListState<T> => ({ records: [], meta: initialMeta(perPage), uiFlags: initialUiFlags() })

/** Entries drawn in the balance chart: the latest page of the ledger at the API's largest size. */
export const CHART_ENTRIES = 100
/** Timeline items per page (the server allows up to 100). */
export const TIMELINE_PAGE = 30

const timeline = () => ({
  records: [] as TimelineEntry[],
  /** The cursor of the next, older page; null once the start is reached. */
  nextBefore: null as string | null,
  done: false,
  uiFlags: initialUiFlags(),
})

/**
 * The member portrait: one member and the tabs' lists (orders, points, coupons). Writes
 * refresh what they change; errors go back to the dialog that made them.
 */
export const useMemberStore = defineStore('member', {
  state: () => ({
    record: null as MemberDetail | null,
    uiFlags: initialUiFlags(),
    orders: list<MemberOrder>(10),
    points: list<PointsEntry>(),
    /** The ledger the balance chart draws; independent of the table's page. */
    pointsHistory: list<PointsEntry>(CHART_ENTRIES),
    coupons: list<MemberCoupon>(),
    timeline: timeline(),
  }),

  getters: {
    memberId: (state) => state.record?.id ?? null,
  },

  actions: {
    /** Opens a member: forgets the previous one's tabs. */
    async load(id: number) {
      if (this.record?.id !== id) this.$reset()
      await this.refresh(id)
    },

    /** Reloads the member (the one on screen unless `memberId` is given). */
    async refresh(memberId?: number) {
      const id = memberId ?? this.memberId
      if (id === null) return
      this.uiFlags.isFetching = true
      this.uiFlags.fetchError = null
      try {
        this.record = await membersApi.get(id, { silent: true })
      } catch (error) {
        this.uiFlags.fetchError = userMessage(error)
      } finally {
        this.uiFlags.isFetching = false
      }
    },

    async fetchOrders(page?: number) {
      const id = this.memberId
      if (id === null) return
      await loadPage(this.orders, () => membersApi.orders(id, { page: page ?? this.orders.meta.page, per_page: this.orders.meta.per_page }, { silent: true }))
    },

    async fetchPoints(page?: number) {
      const id = this.memberId
      if (id === null) return
      await loadPage(this.points, () => membersApi.points(id, { page: page ?? this.points.meta.page, per_page: this.points.meta.per_page }, { silent: true }))
    },

    async fetchPointsHistory() {
      const id = this.memberId
      if (id === null) return
      await loadPage(this.pointsHistory, () => membersApi.points(id, { page: 1, per_page: CHART_ENTRIES }, { silent: true }))
    },

    /** The ledger table from its first page, and the chart. */
    async reloadPoints() {
      await Promise.all([this.fetchPoints(1), this.fetchPointsHistory()])
    },

    async fetchCoupons(page?: number) {
      const id = this.memberId
      if (id === null) return
      await loadPage(this.coupons, () => membersApi.coupons(id, { page: page ?? this.coupons.meta.page, per_page: this.coupons.meta.per_page }, { silent: true }))
    },

    /**
     * The next (older) page of the timeline, or the first when `reset`. Items already shown are
     * not repeated; a page asked for while one loads is not asked twice.
     */
    async fetchTimeline(reset = false) {
      const id = this.memberId
      if (id === null) return
      if (reset) this.timeline = timeline()
      const state = this.timeline
      if (state.uiFlags.isFetching || state.done) return
      state.uiFlags.isFetching = true
      state.uiFlags.fetchError = null
      try {
        const page = await membersApi.timeline(id, { before: state.nextBefore, limit: TIMELINE_PAGE }, { silent: true })
        if (this.timeline !== state || this.memberId !== id) return
        const seen = new Set(state.records.map((item) => item.id))
        state.records.push(...page.data.filter((item) => !seen.has(item.id)))
        state.nextBefore = page.next_before
        state.done = page.next_before === null
      } catch (error) {
        state.uiFlags.fetchError = userMessage(error)
      } finally {
        state.uiFlags.isFetching = false
      }
    },

    /** Tags the member by hand; the portrait (tags with their source) is reloaded. */
    async addTags(codes: string[]) {
      const id = this.memberId
      if (id === null || codes.length === 0) return
      const result = await saving(this.uiFlags, () => tagsApi.tagMember(id, codes, { silent: true }))
      await this.refresh()
      return result
    },

    async removeTag(code: string) {
      const id = this.memberId
      if (id === null) return
      await saving(this.uiFlags, () => tagsApi.untagMember(id, code, { silent: true }))
      await this.refresh()
    },

    async setOwner(staffId: number) {
      const id = this.memberId
      if (id === null) return
      await saving(this.uiFlags, () => membersApi.setOwner(id, staffId, { silent: true }))
      await this.refresh()
    },

    async adjustPoints(input: { points: number; reason: string }, idempotencyKey: string) {
      const id = this.memberId
      if (id === null) return
      const result = await saving(this.uiFlags, () => membersApi.adjustPoints(id, input, { idempotencyKey, silent: true }))
      await Promise.all([this.refresh(), this.reloadPoints()])
      return result
    },

    async exchangePoints(templateId: number, idempotencyKey: string) {
      const id = this.memberId
      if (id === null) return
      const result = await saving(this.uiFlags, () => membersApi.exchangePoints(id, templateId, { idempotencyKey, silent: true }))
      await Promise.all([this.refresh(), this.fetchCoupons(1), this.reloadPoints()])
      return result
    },

    async voidCoupon(code: string, reason: string) {
      const coupon = await saving(this.uiFlags, () => couponsApi.void(code, reason, { silent: true }))
      const index = this.coupons.records.findIndex((record) => record.code === code)
      if (index >= 0) this.coupons.records[index] = coupon
      await this.refresh()
      return coupon
    },

    /** Merges `mergedId` into the member on screen (admin). */
    async mergeInto(mergedId: number) {
      const id = this.memberId
      if (id === null) return
      const result = await saving(this.uiFlags, () => membersApi.merge(id, mergedId, { silent: true }))
      await Promise.all([this.refresh(), this.fetchOrders(1), this.reloadPoints(), this.fetchCoupons(1)])
      return result
    },
  },
})
