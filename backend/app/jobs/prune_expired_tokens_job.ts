import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { Job } from '#jobs/job'
import { QueueName } from '#enums/queue'

/**
 * Deletes expired staff access tokens, member chat tokens and chat-link tickets, daily.
 * Deleting what is already gone is a no-op, so a retry is harmless.
 */
export default class PruneExpiredTokensJob extends Job<{}> {
  static jobName = 'PruneExpiredTokensJob'
  static queue = QueueName.Maintenance

  async handle() {
    const now = DateTime.utc().toSQL({ includeOffset: false })
    await db.from('auth_access_tokens').where('expires_at', '<', now).delete()
    await db.from('member_tokens').where('expires_at', '<', now).delete()
    await db.from('member_chat_tickets').where('expires_at', '<', now).delete()
  }
}
