import app from '@adonisjs/core/services/app'
import { DateTime } from 'luxon'
import WecomSyncRun from '#models/wecom_sync_run'
import SyncWecomJob from '#jobs/sync_wecom_job'
import { SyncKind, SyncStatus } from '#enums/wecom'
import { ConflictException, DependencyDownException } from '#exceptions/api_exceptions'
import { QueueService } from '#services/queue_service'
import { withDeadline } from '#services/deadline'
import { audit, type Actor } from '#services/audit'
import { wecomClient } from '#services/wecom'
import { exclusively } from '#actions/wecom/run_sync'

/** A failed run older than this is not resumed: what it had listed is too old to trust. */
const RESUME_WITHIN_HOURS = 24

/**
 * Starts a WeCom sync, one at a time: with a run queued or running this is a 409. A run after
 * a failed one of the same kind (within a day) continues where that one stopped (its checkpoint,
 * progress and summary so far), so a sync interrupted by a WeCom outage resumes rather than
 * starting over.
 */
export default class StartSync {
  async handle(kind: SyncKind, by: Actor): Promise<WecomSyncRun> {
    wecomClient() // 503 when WeCom is not configured, before anything is stored
    const run = await exclusively(async () => {
      const active = await activeRun()
      if (active) throw new ConflictException(`WeCom sync ${active.id} is ${active.status}`, 'sync_running')
      const previous = await WecomSyncRun.query().orderBy('id', 'desc').first()
      const resume =
        previous?.status === SyncStatus.Failed &&
        previous.kind === kind &&
        previous.checkpoint &&
        previous.updatedAt > DateTime.now().minus({ hours: RESUME_WITHIN_HOURS })
      return WecomSyncRun.create({
        kind,
        status: SyncStatus.Queued,
        phase: resume ? previous.phase : null,
        checkpoint: resume ? { ...previous.checkpoint, resumed_from: previous.id } : null,
        progressDone: resume ? previous.progressDone : 0,
        progressTotal: resume ? previous.progressTotal : 0,
        summary: resume ? previous.summary : null,
        error: null,
        requestedBy: by.type === 'staff' ? by.id : null,
        startedAt: null,
        finishedAt: null,
      })
    })
    await audit(by, 'wecom.sync', { type: 'wecom_sync_run', id: run.id }, { kind: { to: kind } })

    try {
      const queues = await app.container.make(QueueService)
      await withDeadline(queues.dispatch(SyncWecomJob, { run_id: run.id }, { jobId: syncJobId(run.id) }), 2000, 'redis')
    } catch {
      run.merge({ status: SyncStatus.Failed, error: 'The job queue is unavailable', finishedAt: DateTime.now() })
      await run.save()
      throw new DependencyDownException('redis')
    }
    return run
  }
}

export const syncJobId = (runId: number) => `wecom-sync-${runId}`

/**
 * The run that is queued or running, if any. One whose job no longer exists or has ended
 * (a worker died with it, say) is not running any more: it is marked failed, so it neither
 * blocks new syncs forever nor loses its checkpoint.
 */
async function activeRun() {
  const run = await WecomSyncRun.query().whereIn('status', [SyncStatus.Queued, SyncStatus.Running]).orderBy('id', 'desc').first()
  if (!run) return null
  const queues = await app.container.make(QueueService)
  const job = await withDeadline(queues.queue(SyncWecomJob.queue).getJob(syncJobId(run.id)), 2000, 'redis').catch(() => {
    throw new DependencyDownException('redis')
  })
  const state = job ? await job.getState() : 'unknown'
  if (['completed', 'failed', 'unknown'].includes(state) && run.createdAt < DateTime.now().minus({ seconds: 30 })) {
    run.merge({ status: SyncStatus.Failed, error: run.error ?? 'The sync stopped unexpectedly', finishedAt: DateTime.now() })
    await run.save()
    return null
  }
  return run
}
