import { defineStore } from 'pinia'
import { wecomApi, type SyncRun } from '@/api/wecom'
import { userMessage } from '@/api/errors'
import { isSyncActive, type SyncKind } from '@/enums/wecom'
import { initialMeta, initialUiFlags, loadPage } from './list'

/** How often the Sync page asks for the progress of a queued or running sync. */
export const SYNC_POLL_MS = 2000

/**
 * WeCom syncs: the run being followed (`current`) and the history. A run's news arrives by
 * polling (the Sync page, every 2 s) and by the `wecom:sync` socket event; both go through
 * `receive`.
 */
export const useWecomSyncStore = defineStore('wecomSync', {
  state: () => ({
    current: null as SyncRun | null,
    /** Why the last look at the current run failed; null after a good one. */
    currentError: null as string | null,
    /** The kind being started, while its request is out. */
    starting: null as SyncKind | null,
    records: [] as SyncRun[],
    meta: initialMeta(),
    uiFlags: initialUiFlags(),
  }),

  getters: {
    isActive: (state) => state.current !== null && isSyncActive(state.current.status),
  },

  actions: {
    /** The history; a run still going on page 1 (started elsewhere, or before a reload) becomes the one followed. */
    async fetch(page?: number) {
      await loadPage(this, () => wecomApi.syncs({ page: page ?? this.meta.page, per_page: this.meta.per_page }, { silent: true }))
      const newest = this.meta.page === 1 ? this.records[0] : undefined
      if (newest && (!this.current || (isSyncActive(newest.status) && newest.id !== this.current.id))) this.current = newest
    },

    /** Failures (409 a sync is already running, 503 WeCom unreachable) are toasted by the request client. */
    async start(kind: SyncKind) {
      this.starting = kind
      try {
        const run = await wecomApi.startSync(kind)
        this.currentError = null
        this.receive(run)
        await this.fetch(1)
        return run
      } finally {
        this.starting = null
      }
    },

    /** One poll of the run being followed. */
    async refreshCurrent() {
      const id = this.current?.id
      if (id === undefined) return
      try {
        this.receive(await wecomApi.sync(id, { silent: true }))
        this.currentError = null
      } catch (error) {
        this.currentError = userMessage(error)
      }
    },

    /** News of a run (a poll answer or a socket push). A run that just finished refreshes the history. */
    receive(run: SyncRun) {
      const previous = this.current?.id === run.id ? this.current : null
      if (!this.current || previous || isSyncActive(run.status)) this.current = run
      const index = this.records.findIndex((record) => record.id === run.id)
      if (index >= 0) this.records[index] = run
      if (previous && isSyncActive(previous.status) && !isSyncActive(run.status)) void this.fetch()
    },
  },
})
