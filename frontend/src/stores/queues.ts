import { defineStore } from 'pinia'
import { queuesApi, type QueueJob, type QueueSummary } from '@/api/queues'
import { userMessage } from '@/api/errors'
import { QueueJobStatus } from '@/enums/queue'
import { initialMeta, initialUiFlags, loadPage, type ListState } from './list'

interface JobsState extends ListState<QueueJob> {
  queue: string | null
  status: QueueJobStatus
}

export const useQueuesStore = defineStore('queues', {
  state: () => ({
    records: [] as QueueSummary[],
    uiFlags: initialUiFlags(),
    /** The jobs of the selected queue in the selected state. */
    jobs: {
      records: [],
      meta: initialMeta(),
      uiFlags: initialUiFlags(),
      queue: null,
      status: QueueJobStatus.Failed,
    } as JobsState,
    retryingJobIds: [] as string[],
  }),

  actions: {
    async fetch() {
      this.uiFlags.isFetching = true
      this.uiFlags.fetchError = null
      try {
        this.records = await queuesApi.list({ silent: true })
        if (!this.jobs.queue && this.records[0]) this.jobs.queue = this.records[0].name
      } catch (error) {
        this.uiFlags.fetchError = userMessage(error)
      } finally {
        this.uiFlags.isFetching = false
      }
    },

    async fetchJobs(page?: number) {
      const { queue, status } = this.jobs
      if (!queue) return
      await loadPage(this.jobs, () =>
        queuesApi.jobs(queue, { status, page: page ?? this.jobs.meta.page, per_page: this.jobs.meta.per_page }, { silent: true })
      )
    },

    async selectJobs(queue: string, status: QueueJobStatus) {
      this.jobs.queue = queue
      this.jobs.status = status
      await this.fetchJobs(1)
    },

    /** Retries one job, then refreshes the counts and the list it left. */
    async retry(jobId: string) {
      const queue = this.jobs.queue
      if (!queue) return
      this.retryingJobIds.push(jobId)
      try {
        await queuesApi.retry(queue, jobId)
      } finally {
        this.retryingJobIds = this.retryingJobIds.filter((id) => id !== jobId)
      }
      await Promise.all([this.fetch(), this.fetchJobs()])
    },
  },
})
