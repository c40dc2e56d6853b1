import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import MemberIdentity from '#models/member_identity'
import Staff from '#models/staff'
import WecomContact from '#models/wecom_contact'
import WecomGroup from '#models/wecom_group'
import WecomGroupChange from '#models/wecom_group_change'
import WecomGroupMember from '#models/wecom_group_member'
import { IdentityType } from '#enums/loyalty'
import { GroupChange, GroupMemberType, GroupStatus } from '#enums/wecom'
import { isDuplicateKey } from '#services/transactions'

/** A customer group as WeCom's `groupchat/get` describes it. */
export type GroupChatInfo = {
  chat_id: string
  name?: string
  owner?: string
  create_time?: number
  notice?: string
  member_list?: GroupChatMemberInfo[]
  member_version?: string
}

export type GroupChatMemberInfo = {
  userid: string
  type: number
  unionid?: string
  join_time?: number
  join_scene?: number
  invitor?: { userid?: string }
  group_nickname?: string
  name?: string
}

/**
 * What a `change_external_chat` callback said happened. For member changes its MemChangeList
 * is the record of who joined or left in that event: by the time the callback is handled,
 * `groupchat/get` may already show later changes too, which their own callbacks record.
 */
export type ChatEventHint = {
  updateDetail?: string
  memChangeList?: string[]
  joinScene?: number
  quitScene?: number
  /** Unix seconds. */
  createTime?: number
}

/** Who joined or left, as a history entry names them. */
export type GroupPerson = { userid: string; name: string | null }

export type SyncGroupResult = { group: WecomGroup; created: boolean; changed: boolean }

/**
 * Writes a group and its members as `groupchat/get` describes it, touching rows only where
 * something differs (an unchanged group writes nothing). Members no longer listed get `left_at`
 * (their row stays: history is kept); one who comes back is the same row, present again.
 * Each difference becomes an entry of the group's history (wecom_group_changes).
 */
export async function syncGroup(
  trx: TransactionClientContract,
  chat: GroupChatInfo,
  hint: ChatEventHint = {}
): Promise<SyncGroupResult> {
  const at = hint.createTime ? DateTime.fromSeconds(hint.createTime) : DateTime.now()
  const ownerStaff = chat.owner
    ? await Staff.query({ client: trx }).where('wecomUserId', chat.owner).select('id').first()
    : null
  const fields = {
    name: chat.name ?? '',
    ownerUserid: chat.owner || null,
    ownerStaffId: ownerStaff?.id ?? null,
    notice: chat.notice || null,
    status: GroupStatus.Active,
    memberVersion: chat.member_version || null,
    dismissedAt: null,
  }
  const wecomCreatedAt = chat.create_time ? DateTime.fromSeconds(chat.create_time) : null

  let group = await lockGroup(trx, chat.chat_id)
  let created = false
  if (!group) {
    try {
      group = await WecomGroup.create({ chatId: chat.chat_id, ...fields, wecomCreatedAt }, { client: trx })
      created = true
    } catch (error) {
      // Another worker created it in the meantime: go on with theirs.
      if (!isDuplicateKey(error)) throw error
      group = (await lockGroup(trx, chat.chat_id))!
    }
  }

  const before = { name: group.name, ownerUserid: group.ownerUserid, notice: group.notice }
  let changed = false
  if (!created) {
    group.merge(fields)
    if (wecomCreatedAt && !sameInstant(group.wecomCreatedAt, wecomCreatedAt)) group.wecomCreatedAt = wecomCreatedAt
    if (group.$isDirty) {
      await group.useTransaction(trx).save()
      changed = true
    }
  }

  const members = await applyMembers(trx, group, chat.member_list ?? [], hint)
  if (members.written) changed = true

  const entries: { change: GroupChange; detail: Record<string, unknown> }[] = []
  if (created) {
    entries.push({
      change: GroupChange.Create,
      detail: { name: group.name, owner: group.ownerUserid, notice: group.notice, added: members.added },
    })
  } else {
    entries.push(...memberEntries(members, hint))
    if (before.name !== group.name) entries.push({ change: GroupChange.ChangeName, detail: { name: group.name, previous: before.name } })
    if (before.ownerUserid !== group.ownerUserid) {
      entries.push({ change: GroupChange.ChangeOwner, detail: { owner: group.ownerUserid, previous: before.ownerUserid } })
    }
    if (before.notice !== group.notice) entries.push({ change: GroupChange.ChangeNotice, detail: { notice: group.notice } })
  }
  const entryAt = created && !hint.createTime && wecomCreatedAt ? wecomCreatedAt : at
  for (const entry of entries) {
    await WecomGroupChange.create({ groupId: group.id, change: entry.change, detail: entry.detail, at: entryAt }, { client: trx })
  }
  return { group, created, changed: changed && !created }
}

/**
 * A dismissed group: closed, with a history entry; its members stay as they were at the end.
 * Returns false when the group is unknown or already closed.
 */
export async function dismissGroup(trx: TransactionClientContract, chatId: string, at: DateTime, detail: Record<string, unknown> = {}) {
  const group = await lockGroup(trx, chatId)
  if (!group || group.status === GroupStatus.Dismissed) return false
  group.merge({ status: GroupStatus.Dismissed, dismissedAt: at })
  await group.useTransaction(trx).save()
  await WecomGroupChange.create({ groupId: group.id, change: GroupChange.Dismiss, detail, at }, { client: trx })
  return true
}

function lockGroup(trx: TransactionClientContract, chatId: string) {
  return WecomGroup.query({ client: trx }).where('chatId', chatId).forUpdate().first()
}

type AppliedMembers = {
  added: GroupPerson[]
  removed: GroupPerson[]
  /** Everyone the group has or had, by userid, with the name we know. */
  names: Map<string, string | null>
  written: boolean
}

/**
 * Brings the member rows in line with the listed members. Staff are bound to their staff
 * record (staff.wecom_user_id); external members to a member through their contact's binding
 * or, failing that, a unionid identity that names exactly one member.
 */
async function applyMembers(
  trx: TransactionClientContract,
  group: WecomGroup,
  listed: GroupChatMemberInfo[],
  hint: ChatEventHint
): Promise<AppliedMembers> {
  const rows = await WecomGroupMember.query({ client: trx }).where('groupId', group.id)
  const byKey = new Map(rows.map((row) => [row.memberKey, row]))
  const names = new Map<string, string | null>(rows.map((row) => [row.memberKey, row.name]))
  const bindings = await bindingsFor(trx, listed)
  const added: GroupPerson[] = []
  const removed: GroupPerson[] = []
  let written = false

  const present = new Set<string>()
  for (const info of listed) {
    present.add(info.userid)
    const external = info.type === GroupMemberType.External
    const row = byKey.get(info.userid)
    const fields = {
      type: external ? GroupMemberType.External : GroupMemberType.Staff,
      unionid: info.unionid || null,
      name: info.name || row?.name || null,
      groupNickname: info.group_nickname || null,
      staffId: external ? null : (bindings.staff.get(info.userid) ?? null),
      joinScene: info.join_scene ?? null,
      invitor: info.invitor?.userid || null,
      leftAt: null,
      quitScene: null,
    }
    const memberId = external ? bindings.memberFor(info) : null
    const joinTime = info.join_time ? DateTime.fromSeconds(info.join_time) : null
    names.set(info.userid, fields.name)

    if (!row) {
      await WecomGroupMember.create(
        { groupId: group.id, memberKey: info.userid, ...fields, memberId, joinTime },
        { client: trx }
      )
      added.push({ userid: info.userid, name: fields.name })
      written = true
      continue
    }
    if (row.leftAt) added.push({ userid: info.userid, name: fields.name })
    row.merge(fields)
    // A binding found later is kept; one we cannot find now is not undone.
    if (memberId && row.memberId !== memberId) row.memberId = memberId
    if (!sameInstant(row.joinTime, joinTime)) row.joinTime = joinTime
    if (row.$isDirty) {
      await row.useTransaction(trx).save()
      written = true
    }
  }

  const leftAt = hint.createTime ? DateTime.fromSeconds(hint.createTime) : DateTime.now()
  const quitting = new Set(hint.updateDetail === 'del_member' ? (hint.memChangeList ?? []) : [])
  for (const row of rows) {
    if (present.has(row.memberKey) || row.leftAt) continue
    row.merge({ leftAt, quitScene: quitting.has(row.memberKey) ? (hint.quitScene ?? null) : null })
    await row.useTransaction(trx).save()
    removed.push({ userid: row.memberKey, name: row.name })
    written = true
  }
  return { added, removed, names, written }
}

/**
 * The member entries of the history. A callback's MemChangeList says who joined or left in that
 * event, and only that is recorded for it: other differences `groupchat/get` shows by then
 * belong to later events, whose own callbacks record them (recording them here too would count
 * them twice). Without a callback (a sync), or when one lacks the list, the difference we saw
 * is recorded.
 */
function memberEntries(members: AppliedMembers, hint: ChatEventHint) {
  const listed = hint.memChangeList ?? []
  const person = (userid: string): GroupPerson => ({ userid, name: members.names.get(userid) ?? null })
  const memberEvent = hint.updateDetail === 'add_member' || hint.updateDetail === 'del_member'
  if (memberEvent && listed.length > 0) {
    return hint.updateDetail === 'add_member'
      ? [{ change: GroupChange.AddMember, detail: { added: listed.map(person), join_scene: hint.joinScene ?? null } }]
      : [{ change: GroupChange.DelMember, detail: { removed: listed.map(person), quit_scene: hint.quitScene ?? null } }]
  }
  if (hint.updateDetail && !memberEvent) return []

  const entries: { change: GroupChange; detail: Record<string, unknown> }[] = []
  if (members.added.length > 0) entries.push({ change: GroupChange.AddMember, detail: { added: members.added } })
  if (members.removed.length > 0) entries.push({ change: GroupChange.DelMember, detail: { removed: members.removed } })
  return entries
}

/** Staff by WeCom userid; members by the external member's contact, then by unionid. */
async function bindingsFor(trx: TransactionClientContract, listed: GroupChatMemberInfo[]) {
  const staffIds = listed.filter((m) => m.type !== GroupMemberType.External).map((m) => m.userid)
  const externals = listed.filter((m) => m.type === GroupMemberType.External)
  const unionids = [...new Set(externals.map((m) => m.unionid).filter((u): u is string => Boolean(u)))]

  const [staff, contacts, identities] = await Promise.all([
    staffIds.length
      ? Staff.query({ client: trx }).whereIn('wecomUserId', staffIds).select('id', 'wecomUserId')
      : Promise.resolve([]),
    externals.length
      ? WecomContact.query({ client: trx })
          .whereIn('externalUserid', externals.map((m) => m.userid))
          .whereNotNull('memberId')
          .select('externalUserid', 'memberId')
      : Promise.resolve([]),
    unionids.length
      ? MemberIdentity.query({ client: trx }).where('type', IdentityType.Unionid).whereIn('value', unionids).select('value', 'memberId')
      : Promise.resolve([]),
  ])
  const byContact = new Map(contacts.map((c) => [c.externalUserid, c.memberId!]))
  const byUnionid = new Map<string, number[]>()
  for (const identity of identities) byUnionid.set(identity.value, [...(byUnionid.get(identity.value) ?? []), identity.memberId])

  return {
    staff: new Map(staff.map((s) => [s.wecomUserId!, s.id])),
    memberFor(info: GroupChatMemberInfo): number | null {
      const viaContact = byContact.get(info.userid)
      if (viaContact) return viaContact
      const candidates = info.unionid ? (byUnionid.get(info.unionid) ?? []) : []
      return candidates.length === 1 ? candidates[0] : null
    },
  }
}

function sameInstant(a: DateTime | null, b: DateTime | null) {
  if (!a || !b) return a === b
  return a.toMillis() === b.toMillis()
}
