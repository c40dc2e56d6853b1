import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { Job } from '#jobs/job'
import { QueueName } from '#enums/queue'

/**
 * Deletes expired staff access tokens, daily. Deleting what is already gone is a no-op, so a
 * retry is harmless.
 */
export default class PruneExpiredTokensJob extends Job<{}> {
  static jobName = 'PruneExpiredTokensJob'
  static queue = QueueName.Maintenance

  async handle() {
    await db
      .from('auth_access_tokens')
      .where('expires_at', '<', DateTime.utc().toSQL({ includeOffset: false }))
      .delete()
  }
}
