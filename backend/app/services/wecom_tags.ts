import { createHash } from 'node:crypto'
import logger from '@adonisjs/core/services/logger'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { WecomApiError, type CorpTagGroup } from '@rapport/wecom'
import Tag from '#models/tag'
import TagGroup from '#models/tag_group'
import WecomContact from '#models/wecom_contact'
import WecomFollow from '#models/wecom_follow'
import { ActivityTrigger, TagSource } from '#enums/tag'
import { FollowStatus } from '#enums/wecom'
import { audit, actor } from '#services/audit'
import { addMemberTags } from '#services/member_tags'
import { memberActivity } from '#services/member_activity'
import { withLock } from '#services/redis_lock'
import { isDuplicateKey, transaction } from '#services/transactions'
import { wecomClient } from '#services/wecom'
import { pullCorpTags } from '#services/wecom_tag_push'

/**
 * Corp tags (企业标签) both ways. Rapport's tag groups and tags mirror WeCom's: a tag carries
 * its WeCom id in `tags.wecom_tag_id`, a group in `tag_groups.wecom_group_id`.
 *
 * - From WeCom (syncCorpTags, on change_external_tag callbacks and in the sync): a WeCom tag is
 *   matched by its id, else by name within its group; missing ones are created with a stable
 *   code (`wx_` and a hash of the WeCom id, so the same WeCom tag always gets the same code);
 *   names follow WeCom. A tag never moves between groups on a pull (WeCom cannot move tags, a
 *   move made in Rapport stays in Rapport).
 * - Deleted in WeCom: the members lose the tag where WeCom gave it (source `wecom`); the tag
 *   itself is deleted when it came from WeCom (`wx_` code) and nothing else uses it (no member
 *   carries it from another source, no auto-tag rule gives it), and otherwise stays in Rapport
 *   unlinked (segments, rules and hand-given tags keep working). Groups the same way.
 * - To WeCom (pushCorpTagNow, ensureCorpTag, markFollows): jobs after Rapport's own changes.
 *   WeCom keeps no empty group, so a Rapport group reaches WeCom with its first tag.
 *
 * Every write to the mirror, either way, holds one Redis lock, so a push and a pull never
 * cross (two processes creating the same WeCom tag, a stale pull undoing a fresh push).
 */

/** WeCom takes tag and group names of at most 30 characters. */
export const WECOM_NAME_LENGTH = 30

/** Tags and groups created from WeCom have codes with this prefix. */
export const WECOM_CODE_PREFIX = 'wx_'

const LOCK = 'wecom:corp-tags'

/** WeCom's errcodes: the tag or group id is unknown; the name exists already in the group. */
const UNKNOWN_TAG = 40068
const NAME_TAKEN = 40071
/** mark_tag for a relation that is gone (not a contact of the user, unknown contact or user). */
const RELATION_GONE = new Set([84061, 40096, 60111, 40003])

export type TagSyncSummary = { created: number; updated: number; unchanged: number; removed: number }

/** The name a Rapport tag or group has in WeCom. */
export function wecomName(name: string) {
  return Array.from(name.trim()).slice(0, WECOM_NAME_LENGTH).join('')
}

function sameName(local: string, remote: string) {
  return local === remote || wecomName(local) === remote
}

function stableCode(wecomId: string) {
  return WECOM_CODE_PREFIX + createHash('sha1').update(wecomId).digest('hex').slice(0, 12)
}

const wecomActor = () => actor.system('wecom')

// ---- from WeCom -------------------------------------------------------------------------------

/**
 * Pulls corp tags from WeCom and converges the local mirror; answers what changed (groups and
 * tags alike). Without `tagIds` it is a full pull: local tags and groups linked to WeCom ids
 * WeCom no longer has are removed (see above). With `tagIds` only those tags are looked at, and
 * the ones WeCom no longer has are removed.
 */
export async function syncCorpTags(scope: { tagIds?: string[] } = {}): Promise<TagSyncSummary> {
  const tagIds = scope.tagIds?.length ? [...new Set(scope.tagIds)] : undefined
  return withLock(LOCK, async () => {
    const remote = await wecomClient().getCorpTagList(tagIds ? { tag_id: tagIds } : {})
    return converge(remote, tagIds)
  })
}

async function converge(remote: CorpTagGroup[], tagIds: string[] | undefined) {
  const summary: TagSyncSummary = { created: 0, updated: 0, unchanged: 0, removed: 0 }
  const count = (outcome: 'created' | 'updated' | 'unchanged') => (summary[outcome] += 1)
  const untagged: number[] = []

  await transaction(async (trx) => {
    const seenGroups = new Set<string>()
    const seenTags = new Set<string>()
    for (const remoteGroup of remote.filter((group) => !group.deleted)) {
      seenGroups.add(remoteGroup.group_id)
      const { group, outcome } = await convergeGroup(trx, remoteGroup)
      count(outcome)
      for (const remoteTag of remoteGroup.tag.filter((tag) => !tag.deleted)) {
        seenTags.add(remoteTag.id)
        count(await convergeTag(trx, group, remoteTag))
      }
    }

    const gone = Tag.query({ client: trx }).whereNotNull('wecomTagId')
    if (tagIds) gone.whereIn('wecomTagId', tagIds.filter((id) => !seenTags.has(id)))
    else if (seenTags.size) gone.whereNotIn('wecomTagId', [...seenTags])
    for (const tag of await gone.forUpdate()) {
      untagged.push(...(await removeTag(trx, tag)))
      summary.removed += 1
    }
    if (!tagIds) {
      const goneGroups = TagGroup.query({ client: trx }).whereNotNull('wecomGroupId')
      if (seenGroups.size) goneGroups.whereNotIn('wecomGroupId', [...seenGroups])
      for (const group of await goneGroups.forUpdate()) {
        await removeGroup(trx, group)
        summary.removed += 1
      }
    }
  })
  // Rules may test these tags: let them see the members that lost one.
  if (untagged.length) await memberActivity(untagged, ActivityTrigger.Tag)
  return summary
}

async function convergeGroup(trx: TransactionClientContract, remote: CorpTagGroup) {
  let group = await TagGroup.query({ client: trx }).where('wecomGroupId', remote.group_id).forUpdate().first()
  if (group) {
    if (sameName(group.name, remote.group_name)) return { group, outcome: 'unchanged' as const }
    const before = group.name
    group.name = remote.group_name
    await group.useTransaction(trx).save()
    await audit(wecomActor(), 'tag_group.update', { type: 'tag_group', id: group.id }, { name: { from: before, to: group.name } }, trx)
    return { group, outcome: 'updated' as const }
  }
  group = await TagGroup.query({ client: trx }).whereNull('wecomGroupId').where('name', remote.group_name).forUpdate().first()
  if (group) {
    group.wecomGroupId = remote.group_id
    await group.useTransaction(trx).save()
    return { group, outcome: 'updated' as const }
  }
  const code = await freeCode(trx, 'tag_groups', stableCode(remote.group_id))
  group = await TagGroup.create({ code, name: remote.group_name, wecomGroupId: remote.group_id }, { client: trx })
  await audit(wecomActor(), 'tag_group.create', { type: 'tag_group', id: group.id }, { code: { to: code }, name: { to: group.name } }, trx)
  return { group, outcome: 'created' as const }
}

async function convergeTag(trx: TransactionClientContract, group: TagGroup, remote: { id: string; name: string }) {
  let tag = await Tag.query({ client: trx }).where('wecomTagId', remote.id).forUpdate().first()
  if (tag) {
    if (sameName(tag.name, remote.name)) return 'unchanged' as const
    const before = tag.name
    tag.name = remote.name
    await tag.useTransaction(trx).save()
    await audit(wecomActor(), 'tag.update', { type: 'tag', id: tag.id }, { name: { from: before, to: tag.name } }, trx)
    return 'updated' as const
  }
  tag = await Tag.query({ client: trx }).where('groupId', group.id).whereNull('wecomTagId').where('name', remote.name).forUpdate().first()
  if (tag) {
    tag.wecomTagId = remote.id
    await tag.useTransaction(trx).save()
    return 'updated' as const
  }
  const code = await freeCode(trx, 'tags', stableCode(remote.id))
  tag = await Tag.create({ groupId: group.id, code, name: remote.name, wecomTagId: remote.id }, { client: trx })
  const created = { group: { to: group.code }, code: { to: code }, name: { to: tag.name } }
  await audit(wecomActor(), 'tag.create', { type: 'tag', id: tag.id }, created, trx)
  return 'created' as const
}

/** The stable code, or (should a Rapport code already be exactly that) the same with a suffix. */
async function freeCode(trx: TransactionClientContract, table: 'tags' | 'tag_groups', code: string) {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? code : `${code}_${n}`
    if (!(await trx.from(table).where('code', candidate).first())) return candidate
  }
}

/** A tag WeCom no longer has; answers the members who lost it. */
async function removeTag(trx: TransactionClientContract, tag: Tag): Promise<number[]> {
  const holders = await trx.from('member_tags').where('tag_id', tag.id).where('source', TagSource.Wecom).select('member_id')
  const memberIds: number[] = holders.map((row) => row.member_id)
  if (memberIds.length) await trx.from('member_tags').where('tag_id', tag.id).where('source', TagSource.Wecom).delete()
  const rule = await trx.from('auto_tag_rules').where('tag_id', tag.id).first()
  const carried = await trx.from('member_tags').where('tag_id', tag.id).first()
  const changes = { wecom_tag_id: { from: tag.wecomTagId }, members_untagged: { to: memberIds.length } }
  if (tag.code.startsWith(WECOM_CODE_PREFIX) && !rule && !carried) {
    await tag.useTransaction(trx).delete()
    await audit(wecomActor(), 'tag.delete', { type: 'tag', id: tag.id }, { code: { from: tag.code }, ...changes }, trx)
  } else {
    tag.wecomTagId = null
    await tag.useTransaction(trx).save()
    await audit(wecomActor(), 'tag.wecom_detach', { type: 'tag', id: tag.id }, changes, trx)
  }
  return memberIds
}

async function removeGroup(trx: TransactionClientContract, group: TagGroup) {
  const tags = await trx.from('tags').where('group_id', group.id).first()
  if (group.code.startsWith(WECOM_CODE_PREFIX) && !tags) {
    await group.useTransaction(trx).delete()
    await audit(wecomActor(), 'tag_group.delete', { type: 'tag_group', id: group.id }, { code: { from: group.code } }, trx)
  } else {
    const before = group.wecomGroupId
    group.wecomGroupId = null
    await group.useTransaction(trx).save()
    await audit(wecomActor(), 'tag_group.wecom_detach', { type: 'tag_group', id: group.id }, { wecom_group_id: { from: before } }, trx)
  }
}

/**
 * A contact's WeCom tags become the bound member's tags with source `wecom` (called in the
 * transaction that stored the contact's follow relations): tags any active follow carries are
 * added (a tag the member has already, however given, keeps its row), `wecom` tags no follow
 * carries any more are removed; manual, rule and import tags are never touched. Nothing here
 * is pushed back to WeCom (no echo). WeCom tag ids not known yet are pulled shortly after,
 * then this runs again for the contact (`pullUnknown: false` then, so an id WeCom does not
 * list cannot loop).
 */
export async function applyFollowTags(trx: TransactionClientContract, contactId: number, options: { pullUnknown?: boolean } = {}) {
  const contact = await WecomContact.query({ client: trx }).where('id', contactId).first()
  if (!contact?.memberId) return
  const memberId = contact.memberId
  const follows = await WecomFollow.query({ client: trx }).where('contactId', contactId).where('status', FollowStatus.Active).orderBy('addedAt')
  const holders = new Map<string, WecomFollow>()
  for (const follow of follows) {
    for (const id of follow.wecomTagIds ?? []) if (!holders.has(id)) holders.set(id, follow)
  }
  const tags = holders.size ? await Tag.query({ client: trx }).whereIn('wecomTagId', [...holders.keys()]) : []
  const unknown = [...holders.keys()].filter((id) => !tags.some((tag) => tag.wecomTagId === id))

  let changed = false
  for (const tag of tags) {
    const follow = holders.get(tag.wecomTagId!)!
    const origin = { source: TagSource.Wecom, sourceRef: follow.wecomUserid, staffId: follow.staffId }
    if (await addMemberTags(trx, tag.id, [memberId], origin)) changed = true
  }
  const stale = trx.from('member_tags').where('member_id', memberId).where('source', TagSource.Wecom)
  if (tags.length) stale.whereNotIn('tag_id', tags.map((tag) => tag.id))
  if (Number(await stale.delete()) > 0) changed = true

  const pull = unknown.length > 0 && options.pullUnknown !== false
  if (changed || pull) {
    trx.after('commit', async () => {
      if (changed) await memberActivity([memberId], ActivityTrigger.Tag)
      if (pull) await pullCorpTags(contactId)
    })
  }
}

// ---- to WeCom ---------------------------------------------------------------------------------

/**
 * Brings one Rapport tag to WeCom as it is now: created when it has no WeCom id yet, renamed
 * otherwise; a tag deleted in Rapport (gone, `wecomTagId` given) is deleted in WeCom.
 * Idempotent: running it again changes nothing.
 */
export async function pushCorpTagNow(tagId: number, deletedWecomTagId: string | null) {
  await withLock(LOCK, async () => {
    const tag = await Tag.find(tagId)
    if (!tag) {
      if (deletedWecomTagId) await ignoring(UNKNOWN_TAG, () => wecomClient().delCorpTag({ tag_id: [deletedWecomTagId] }))
      return
    }
    if (!tag.wecomTagId) return void (await createRemote(tag))
    try {
      await wecomClient().editCorpTag({ id: tag.wecomTagId, name: wecomName(tag.name) })
    } catch (error) {
      if (!(error instanceof WecomApiError)) throw error
      if (error.errcode === UNKNOWN_TAG) {
        // Deleted in WeCom meanwhile: Rapport still has it, so WeCom gets it again.
        await Tag.query().where('id', tag.id).update({ wecom_tag_id: null })
        tag.wecomTagId = null
        await createRemote(tag)
      } else if (error.errcode === NAME_TAKEN) {
        logger.warn({ tag: tag.code }, 'WeCom has another tag of this name in the group: the rename stays in Rapport')
      } else {
        throw error
      }
    }
  })
}

/** The tag's WeCom id, creating the tag in WeCom first when it has none. */
export async function ensureCorpTag(tagId: number): Promise<string | null> {
  return withLock(LOCK, async () => {
    const tag = await Tag.find(tagId)
    if (!tag) return null
    return tag.wecomTagId ?? createRemote(tag)
  })
}

/**
 * add_corp_tag into the group's WeCom group (or a group of its name, which WeCom creates when
 * new), then the ids are written back. A group WeCom dropped (its last tag was deleted) is
 * created again; a tag of the same name already in WeCom is linked instead of duplicated.
 */
async function createRemote(tag: Tag, retried = false): Promise<string | null> {
  const group = await TagGroup.findOrFail(tag.groupId)
  const name = wecomName(tag.name)
  let answer: CorpTagGroup
  try {
    answer = await wecomClient().addCorpTag(
      group.wecomGroupId ? { group_id: group.wecomGroupId, tag: [{ name }] } : { group_name: wecomName(group.name), tag: [{ name }] }
    )
  } catch (error) {
    if (!(error instanceof WecomApiError)) throw error
    if (error.errcode === UNKNOWN_TAG && group.wecomGroupId && !retried) {
      await TagGroup.query().where('id', group.id).update({ wecom_group_id: null })
      return createRemote(tag, true)
    }
    if (error.errcode !== NAME_TAKEN) throw error
    const remote = await wecomClient().getCorpTagList(group.wecomGroupId ? { group_id: [group.wecomGroupId] } : {})
    const home = remote.find((candidate) =>
      group.wecomGroupId ? candidate.group_id === group.wecomGroupId : candidate.group_name === wecomName(group.name)
    )
    const same = home?.tag.find((candidate) => candidate.name === name)
    if (!home || !same) throw error
    answer = { ...home, tag: [same] }
  }
  const created = answer.tag[0]
  if (!created) return null
  await transaction(async (trx) => {
    if (!group.wecomGroupId && !(await TagGroup.query({ client: trx }).where('wecomGroupId', answer.group_id).first())) {
      await TagGroup.query({ client: trx }).where('id', group.id).update({ wecom_group_id: answer.group_id })
    }
    try {
      await Tag.query({ client: trx }).where('id', tag.id).update({ wecom_tag_id: created.id })
    } catch (error) {
      if (!isDuplicateKey(error)) throw error
      logger.warn({ tag: tag.code, wecomTagId: created.id }, 'another Rapport tag is linked to this WeCom tag')
    }
  })
  tag.wecomTagId = created.id
  return created.id
}

/**
 * mark_tag for every active follow relation of the members' bound WeCom contacts: one call
 * per relation with all the tags to add and remove. Adding a tag a relation has, or removing
 * one it lacks, is harmless at WeCom, so a retry is too. Our copy of the relation's tags
 * follows. A relation WeCom no longer has is skipped; a tag WeCom no longer has is pulled
 * (which unlinks it here) and the job retried, which creates it in WeCom again.
 */
export async function markFollows(memberIds: number[], add: string[], remove: string[]) {
  if (memberIds.length === 0 || (add.length === 0 && remove.length === 0)) return
  const contacts = await WecomContact.query().whereIn('memberId', memberIds)
  if (contacts.length === 0) return
  const byId = new Map(contacts.map((contact) => [contact.id, contact]))
  const follows = await WecomFollow.query().whereIn('contactId', [...byId.keys()]).where('status', FollowStatus.Active).orderBy('id')
  for (const follow of follows) {
    const contact = byId.get(follow.contactId)!
    try {
      await wecomClient().markTag({
        userid: follow.wecomUserid,
        external_userid: contact.externalUserid,
        ...(add.length ? { add_tag: add } : {}),
        ...(remove.length ? { remove_tag: remove } : {}),
      })
    } catch (error) {
      if (!(error instanceof WecomApiError)) throw error
      if (RELATION_GONE.has(error.errcode)) {
        logger.info({ follow: follow.id, errcode: error.errcode }, 'mark_tag skipped: WeCom no longer has this relation')
        continue
      }
      if (error.errcode === UNKNOWN_TAG) {
        await syncCorpTags({ tagIds: [...add, ...remove] })
        throw new Error('A tag was deleted in WeCom meanwhile: unlinked, the next attempt creates it again')
      }
      throw error
    }
    const tagIds = new Set(follow.wecomTagIds ?? [])
    for (const id of add) tagIds.add(id)
    for (const id of remove) tagIds.delete(id)
    await WecomFollow.query().where('id', follow.id).update({ wecom_tag_ids: JSON.stringify([...tagIds].sort()) })
  }
}

async function ignoring(errcode: number, call: () => Promise<unknown>) {
  try {
    await call()
  } catch (error) {
    if (!(error instanceof WecomApiError) || error.errcode !== errcode) throw error
  }
}
