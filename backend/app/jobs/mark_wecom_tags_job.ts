import type { JobsOptions } from 'bullmq'
import Tag from '#models/tag'
import { Job } from '#jobs/job'
import { QueueName } from '#enums/queue'
import { ensureCorpTag, markFollows } from '#services/wecom_tags'

/** Ids travel as comma-separated lists: members (at most 100) and Rapport tag ids. */
export type MarkWecomTagsPayload = { member_ids: string; add: string; remove: string }

const ids = (list: string) => list.split(',').map(Number).filter((id) => Number.isInteger(id) && id > 0)

/**
 * mark_tag in WeCom for tags given to (or taken from) members in Rapport, on every active
 * follow relation of their bound contacts. A tag not in WeCom yet is created there first.
 * Adding what is there and removing what is not are no-ops at WeCom, so retries are safe.
 */
export default class MarkWecomTagsJob extends Job<MarkWecomTagsPayload> {
  static jobName = 'MarkWecomTagsJob'
  static queue = QueueName.Wecom
  static options: JobsOptions = { attempts: 12, backoff: { type: 'exponential', delay: 5000 } }

  async handle(payload: MarkWecomTagsPayload) {
    const add = ids(payload.add)
    const remove = ids(payload.remove)
    const tags = await Tag.query().whereIn('id', [...add, ...remove])
    const addIds: string[] = []
    for (const tag of tags.filter((candidate) => add.includes(candidate.id))) {
      const wecomId = tag.wecomTagId ?? (await ensureCorpTag(tag.id))
      if (wecomId) addIds.push(wecomId)
    }
    const removeIds = tags
      .filter((tag) => remove.includes(tag.id) && tag.wecomTagId)
      .map((tag) => tag.wecomTagId!)
    await markFollows(ids(payload.member_ids), addIds, removeIds)
  }
}
