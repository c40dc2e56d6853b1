/** BullMQ job states the admin queue API filters by. */
export enum QueueJobStatus {
  Failed = 'failed',
  Waiting = 'waiting',
  Active = 'active',
  Delayed = 'delayed',
  Completed = 'completed',
}

export const QUEUE_JOB_STATUSES = Object.values(QueueJobStatus)
