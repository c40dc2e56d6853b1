import { FollowStatus, HandoverItemStatus, HandoverStatus, SyncStatus } from '@/enums/wecom'

/** Element Plus tag colours. */
export type TagTone = 'primary' | 'success' | 'info' | 'warning' | 'danger'

const SYNC_STATUS_TONES: Record<SyncStatus, TagTone> = {
  [SyncStatus.Queued]: 'info',
  [SyncStatus.Running]: 'primary',
  [SyncStatus.Done]: 'success',
  [SyncStatus.Failed]: 'danger',
}

const FOLLOW_STATUS_TONES: Record<FollowStatus, TagTone> = {
  [FollowStatus.Active]: 'success',
  [FollowStatus.DeletedByCustomer]: 'danger',
  [FollowStatus.DeletedByStaff]: 'warning',
}

/** Waiting is normal (the customer has 24 h); refused and limit need a person; failed is an error. */
const HANDOVER_ITEM_TONES: Record<HandoverItemStatus, TagTone> = {
  [HandoverItemStatus.Pending]: 'info',
  [HandoverItemStatus.Waiting]: 'primary',
  [HandoverItemStatus.Done]: 'success',
  [HandoverItemStatus.Refused]: 'warning',
  [HandoverItemStatus.Limit]: 'warning',
  [HandoverItemStatus.Failed]: 'danger',
}

const HANDOVER_STATUS_TONES: Record<HandoverStatus, TagTone> = {
  [HandoverStatus.Running]: 'primary',
  [HandoverStatus.Done]: 'success',
}

/** The tag colour of each status; an unknown status (a newer server) is grey. */
export const syncTone = (status: SyncStatus): TagTone => SYNC_STATUS_TONES[status] ?? 'info'
export const followTone = (status: FollowStatus): TagTone => FOLLOW_STATUS_TONES[status] ?? 'info'
export const handoverItemTone = (status: HandoverItemStatus): TagTone => HANDOVER_ITEM_TONES[status] ?? 'info'
export const handoverTone = (status: HandoverStatus): TagTone => HANDOVER_STATUS_TONES[status] ?? 'info'

/** Whole percent done, rounded down (99.9 % is not finished); 0 while the total is unknown. */
export function progressPercent(progress: { done: number; total: number }): number {
  if (progress.total <= 0) return 0
  return Math.min(100, Math.floor((Math.max(0, progress.done) * 100) / progress.total))
}
