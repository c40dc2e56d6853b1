/**
 * The BullMQ queues. Each can get its own worker processes (`node ace queue:work --queue NAME`).
 */
export enum QueueName {
  Default = 'default',
  Loyalty = 'loyalty',
  Maintenance = 'maintenance',
}

export const QUEUE_NAMES = Object.values(QueueName)
