import type { JobsOptions } from 'bullmq'
import { Job } from '#jobs/job'
import { QueueName } from '#enums/queue'
import { pushCorpTagNow } from '#services/wecom_tags'

export type PushWecomCorpTagPayload = { tag_id: number; wecom_tag_id: string | null }

/**
 * Brings a tag created, renamed or deleted in Rapport to WeCom (add_corp_tag, edit_corp_tag,
 * del_corp_tag) and writes WeCom's ids back. It works from the tag as it is when it runs, so
 * jobs arriving late or twice converge on the same result. Retried for hours while WeCom is
 * down.
 */
export default class PushWecomCorpTagJob extends Job<PushWecomCorpTagPayload> {
  static jobName = 'PushWecomCorpTagJob'
  static queue = QueueName.Wecom
  static options: JobsOptions = { attempts: 12, backoff: { type: 'exponential', delay: 5000 } }

  async handle(payload: PushWecomCorpTagPayload) {
    await pushCorpTagNow(payload.tag_id, payload.wecom_tag_id)
  }
}
