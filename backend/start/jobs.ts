/*
 * Every job class the workers can run, and the repeating schedules. Domains add theirs here.
 */
import app from '@adonisjs/core/services/app'
import { QueueService } from '#services/queue_service'
import PruneExpiredTokensJob from '#jobs/prune_expired_tokens_job'
import EvaluateTiersJob from '#jobs/evaluate_tiers_job'
import ExpirePointsJob from '#jobs/expire_points_job'
import ExpireCouponsJob from '#jobs/expire_coupons_job'
import BirthdayCouponsJob from '#jobs/birthday_coupons_job'
import ComputeRfmJob from '#jobs/compute_rfm_job'
import PruneEventsJob from '#jobs/prune_events_job'
import EvaluateAutoTagsJob from '#jobs/evaluate_auto_tags_job'
import EvaluateAllAutoTagsJob from '#jobs/evaluate_all_auto_tags_job'
import TagSegmentJob from '#jobs/tag_segment_job'
import RecordSegmentCountsJob from '#jobs/record_segment_counts_job'
import ProcessWecomCallbackJob from '#jobs/process_wecom_callback_job'
import RequeueWecomCallbacksJob from '#jobs/requeue_wecom_callbacks_job'
import ImportWecomArchiveJob from '#jobs/import_wecom_archive_job'
import SyncWecomJob from '#jobs/sync_wecom_job'
import StartWecomSyncJob from '#jobs/start_wecom_sync_job'
import PushWecomCorpTagJob from '#jobs/push_wecom_corp_tag_job'
import MarkWecomTagsJob from '#jobs/mark_wecom_tags_job'
import SyncWecomCorpTagsJob from '#jobs/sync_wecom_corp_tags_job'
import RunWecomHandoverJob from '#jobs/run_wecom_handover_job'
import PollWecomHandoversJob from '#jobs/poll_wecom_handovers_job'

const queues = await app.container.make(QueueService)

queues.register(PruneExpiredTokensJob, EvaluateTiersJob, ExpirePointsJob, ExpireCouponsJob, BirthdayCouponsJob)
queues.register(EvaluateAutoTagsJob, EvaluateAllAutoTagsJob, TagSegmentJob, RecordSegmentCountsJob)
queues.register(ComputeRfmJob, PruneEventsJob)
queues.register(ProcessWecomCallbackJob, RequeueWecomCallbacksJob, ImportWecomArchiveJob)
queues.register(SyncWecomJob, StartWecomSyncJob)
queues.register(PushWecomCorpTagJob, MarkWecomTagsJob, SyncWecomCorpTagsJob, RunWecomHandoverJob, PollWecomHandoversJob)

/**
 * Repeating jobs, cron patterns in the enterprise zone. Upserted by the workers when they start.
 */
export const schedules = [
  { job: PruneExpiredTokensJob, id: 'prune-expired-tokens', pattern: '30 3 * * *', payload: {} },
  { job: ExpireCouponsJob, id: 'expire-coupons', pattern: '5 0 * * *', payload: {} },
  { job: ExpirePointsJob, id: 'expire-points', pattern: '15 0 * * *', payload: {} },
  { job: EvaluateTiersJob, id: 'evaluate-tiers', pattern: '0 2 * * *', payload: {} },
  { job: BirthdayCouponsJob, id: 'birthday-coupons', pattern: '0 9 * * *', payload: {} },
  // After tiers and RFM, which rules may test; segment counts after the tags they may test.
  { job: EvaluateAllAutoTagsJob, id: 'evaluate-auto-tags', pattern: '0 3 * * *', payload: {} },
  { job: RecordSegmentCountsJob, id: 'record-segment-counts', pattern: '0 4 * * *', payload: {} },
  { job: ComputeRfmJob, id: 'compute-rfm', pattern: '30 2 * * *', payload: {} },
  { job: PruneEventsJob, id: 'prune-events', pattern: '45 3 * * *', payload: {} },
  { job: RequeueWecomCallbacksJob, id: 'requeue-wecom-callbacks', pattern: '* * * * *', payload: {} },
  { job: ImportWecomArchiveJob, id: 'import-wecom-archive', pattern: '* * * * *', payload: {} },
  { job: PollWecomHandoversJob, id: 'poll-wecom-handovers', pattern: '* * * * *', payload: {} },
  // Catches what WeCom's callbacks missed; after the night's loyalty and tag jobs.
  { job: StartWecomSyncJob, id: 'wecom-incremental-sync', pattern: '30 5 * * *', payload: {} },
]
