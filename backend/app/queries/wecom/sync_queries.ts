import WecomSyncRun from '#models/wecom_sync_run'
import { paginate, type Page } from '#queries/paginate'

export type SyncCounts = { created: number; updated: number; unchanged: number; removed: number }
export type SyncSummary = { contacts: SyncCounts; groups: SyncCounts; tags: SyncCounts }

export const emptyCounts = (): SyncCounts => ({ created: 0, updated: 0, unchanged: 0, removed: 0 })
export const emptySummary = (): SyncSummary => ({ contacts: emptyCounts(), groups: emptyCounts(), tags: emptyCounts() })

/** A sync run as the API answers it, and as the `wecom:sync` socket event carries it. */
export function presentSyncRun(run: WecomSyncRun) {
  return {
    id: run.id,
    kind: run.kind,
    status: run.status,
    phase: run.phase,
    progress: { done: run.progressDone, total: run.progressTotal },
    summary: { ...emptySummary(), ...(run.summary as Partial<SyncSummary> | null) },
    error: run.error,
    started_at: run.startedAt?.toISO() ?? null,
    finished_at: run.finishedAt?.toISO() ?? null,
    created_at: run.createdAt.toISO(),
  }
}

export type PresentedSyncRun = ReturnType<typeof presentSyncRun>

/** Newest first. */
export function syncRunPage(params: { page?: number; per_page?: number }): Promise<Page<PresentedSyncRun>> {
  return paginate(WecomSyncRun.query().orderBy('id', 'desc'), params, presentSyncRun)
}
