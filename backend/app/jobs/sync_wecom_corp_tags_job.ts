import redis from '@adonisjs/redis/services/main'
import { Job } from '#jobs/job'
import { QueueName } from '#enums/queue'
import { transaction } from '#services/transactions'
import { applyFollowTags, syncCorpTags } from '#services/wecom_tags'
import { PULL_CONTACTS_KEY } from '#services/wecom_tag_push'

/**
 * Contacts carried WeCom tags Rapport did not know: pulls every corp tag (one call, however
 * many contacts are waiting), then gives each waiting contact's member their tags again, this
 * time without asking for another pull.
 */
export default class SyncWecomCorpTagsJob extends Job {
  static jobName = 'SyncWecomCorpTagsJob'
  static queue = QueueName.Wecom

  async handle() {
    await syncCorpTags()
    for (;;) {
      const popped = await redis.spop(PULL_CONTACTS_KEY, 500)
      const ids = (Array.isArray(popped) ? popped : popped ? [popped] : []).map(Number).filter((id) => id > 0)
      if (ids.length === 0) return
      for (const [index, contactId] of ids.entries()) {
        try {
          await transaction((trx) => applyFollowTags(trx, contactId, { pullUnknown: false }))
        } catch (error) {
          // Back in the set for the retry.
          await redis.sadd(PULL_CONTACTS_KEY, ...ids.slice(index).map(String))
          throw error
        }
      }
    }
  }
}
