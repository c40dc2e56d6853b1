import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import db from '@adonisjs/lucid/services/db'
import redis from '@adonisjs/redis/services/main'
import type { JobsOptions } from 'bullmq'
import wecomConfig from '#config/wecom'
import type { JobClass, JobPayload } from '#jobs/job'
import PushWecomCorpTagJob from '#jobs/push_wecom_corp_tag_job'
import MarkWecomTagsJob from '#jobs/mark_wecom_tags_job'
import SyncWecomCorpTagsJob from '#jobs/sync_wecom_corp_tags_job'
import { QueueService } from '#services/queue_service'
import { withDeadline } from '#services/deadline'

/**
 * Rapport's tag changes on their way to WeCom, queued after the change committed (the jobs do
 * the WeCom calls, with retries). Like memberActivity these never throw: with Redis or WeCom
 * down the Rapport change still succeeds and the push is logged as skipped. Nothing is queued
 * when WeCom is not configured, or when none of the members is bound to a WeCom contact.
 * Tags that came from WeCom (applyFollowTags) never pass through here: no echo.
 */

/** Members per mark_tag job. */
const BATCH = 100
/** A caller never waits longer than this on Redis. */
const DISPATCH_TIMEOUT_MS = 500
/** Contacts with unknown tags arriving within this window share one pull. */
const PULL_DEBOUNCE_MS = 1000

export function wecomEnabled() {
  return Boolean(wecomConfig.corpId && wecomConfig.secret)
}

/** A tag was created, renamed or moved (or, with its WeCom id, deleted) in Rapport. */
export async function pushCorpTag(tagId: number, deletedWecomTagId: string | null = null) {
  if (!wecomEnabled()) return
  await dispatch(PushWecomCorpTagJob, { tag_id: tagId, wecom_tag_id: deletedWecomTagId })
}

/**
 * Members were given (`add`) or lost (`remove`) tags in Rapport, by hand, in bulk, by a rule
 * or with a segment: their WeCom contacts get mark_tag for each active follow relation.
 */
export async function pushMemberTags(memberIds: number[], change: { add?: number[]; remove?: number[] }) {
  const add = [...new Set(change.add ?? [])]
  const remove = [...new Set(change.remove ?? [])]
  if (!wecomEnabled() || memberIds.length === 0 || (add.length === 0 && remove.length === 0)) return
  try {
    const bound: number[] = []
    const ids = [...new Set(memberIds)]
    for (let i = 0; i < ids.length; i += 1000) {
      const rows = await db.from('wecom_contacts').whereIn('member_id', ids.slice(i, i + 1000)).select('member_id')
      bound.push(...rows.map((row) => row.member_id as number))
    }
    await dispatchMarks(bound, add, remove)
  } catch (error) {
    logger.warn({ err: error, members: memberIds.length }, 'WeCom tags not pushed')
  }
}

/** A tag was given to a chunk of a segment: `members` selects their ids. */
export async function pushSegmentTag(tagId: number, members: { sql: string; bindings: readonly unknown[] }) {
  if (!wecomEnabled()) return
  try {
    const rows = await db
      .from('wecom_contacts')
      .whereRaw(`member_id IN (${members.sql})`, members.bindings as never)
      .select('member_id')
    await dispatchMarks(rows.map((row) => row.member_id as number), [tagId], [])
  } catch (error) {
    logger.warn({ err: error, tagId }, 'WeCom tags of a segment not pushed')
  }
}

/** Contacts waiting for the next pull of corp tags (a Redis set the pull job empties). */
export const PULL_CONTACTS_KEY = 'rapport:wecom:tag-pull-contacts'

/**
 * A contact carries WeCom tags Rapport does not know yet: corp tags are pulled shortly (one
 * pull for every contact reported meanwhile, so a burst, the first sync say, costs one WeCom
 * call), then the contacts' tags are applied again.
 */
export async function pullCorpTags(contactId: number) {
  try {
    await withDeadline(redis.sadd(PULL_CONTACTS_KEY, String(contactId)), DISPATCH_TIMEOUT_MS, 'redis')
  } catch (error) {
    logger.warn({ err: error, contactId }, 'WeCom tag pull not queued')
    return
  }
  await dispatch(SyncWecomCorpTagsJob, {}, { delay: PULL_DEBOUNCE_MS, deduplication: { id: 'wecom-tags:pull', keepLastIfActive: true } })
}

async function dispatchMarks(memberIds: number[], add: number[], remove: number[]) {
  const ids = [...new Set(memberIds)].sort((a, b) => a - b)
  for (let i = 0; i < ids.length; i += BATCH) {
    await dispatch(MarkWecomTagsJob, { member_ids: ids.slice(i, i + BATCH).join(','), add: add.join(','), remove: remove.join(',') })
  }
}

async function dispatch<P extends JobPayload>(job: JobClass<P>, payload: P, options: JobsOptions = {}) {
  try {
    const queues = await app.container.make(QueueService)
    await withDeadline(queues.dispatch(job, payload, options), DISPATCH_TIMEOUT_MS, 'redis')
  } catch (error) {
    logger.warn({ err: error, job: job.jobName, payload }, 'WeCom push not queued')
  }
}
