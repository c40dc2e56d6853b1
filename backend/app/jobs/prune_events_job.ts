import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { Job } from '#jobs/job'
import { QueueName } from '#enums/queue'
import { eventSettings } from '#services/event_settings'

/** Rows per DELETE: short statements keep locks brief and replicas close behind. */
const CHUNK = 5000

/**
 * Daily: deletes behaviour events that occurred longer ago than the retention
 * (`events.retention_days`). Deleting what is already gone is a no-op, so a retry is harmless.
 */
export default class PruneEventsJob extends Job<{}> {
  static jobName = 'PruneEventsJob'
  static queue = QueueName.Maintenance

  async handle() {
    const { retention_days: retentionDays } = await eventSettings()
    const cutoff = DateTime.utc().minus({ days: retentionDays }).toJSDate()
    // Type by type, so each DELETE is a range on the (type, occurred_at) index, not a scan.
    const types: string[] = (await db.from('member_events').distinct('type')).map((row: { type: string }) => row.type)
    for (const type of types) {
      for (;;) {
        const [result] = await db.rawQuery('DELETE FROM member_events WHERE type = ? AND occurred_at < ? LIMIT ?', [type, cutoff, CHUNK])
        if (Number(result.affectedRows) < CHUNK) break
      }
    }
  }
}
