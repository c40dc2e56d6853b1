/**
 * The BullMQ queues. Each can get its own worker processes (`node ace queue:work --queue NAME`).
 */
export enum QueueName {
  Default = 'default',
  Loyalty = 'loyalty',
  Maintenance = 'maintenance',
  /** Auto-tag evaluation and bulk tagging, apart from loyalty's long nightly runs so tagging after an order never waits behind them. */
  Tags = 'tags',
  /** WeCom callbacks, syncs and handovers: WeCom's rate limits never slow loyalty or tagging. */
  Wecom = 'wecom',
}

export const QUEUE_NAMES = Object.values(QueueName)
