import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import MemberIdentity from '#models/member_identity'
import Member from '#models/member'
import Staff from '#models/staff'
import WecomBindingConflict from '#models/wecom_binding_conflict'
import WecomChannelCode from '#models/wecom_channel_code'
import WecomContact from '#models/wecom_contact'
import WecomFollow from '#models/wecom_follow'
import { IdentityType } from '#enums/loyalty'
import { ContactStatus, FollowStatus } from '#enums/wecom'
import { TagSource } from '#enums/tag'
import { normalisePhone } from '#services/member_registry'

/** An external contact as WeCom's `get` and `batch/get_by_user` describe it. */
export type ContactInfo = {
  external_userid: string
  name?: string
  avatar?: string
  type?: number
  gender?: number
  unionid?: string
  corp_name?: string
}

/** One follow relation, from `follow_user` (get) or `follow_info` (batch/get_by_user). */
export type FollowInfo = {
  userid: string
  remark?: string
  description?: string
  createtime?: number
  remark_mobiles?: string[]
  add_way?: number
  state?: string
  tag_id?: string[]
  tags?: { tag_id?: string }[]
}

export type UpsertResult = { contact: WecomContact; created: boolean; changed: boolean }

/**
 * Writes a contact and the given follow relations as WeCom reports them, touching rows only
 * where something differs (so a second sync of unchanged data changes nothing). A follow that
 * WeCom reports again is active again. Binds the contact to a member when that is unambiguous.
 */
export async function upsertContact(
  trx: TransactionClientContract,
  info: ContactInfo,
  follows: FollowInfo[]
): Promise<UpsertResult> {
  const fields = {
    name: info.name ?? '',
    avatar: info.avatar || null,
    type: info.type ?? 1,
    gender: info.gender ?? 0,
    unionid: info.unionid || null,
    corpName: info.corp_name || null,
  }
  let contact = await WecomContact.query({ client: trx }).where('externalUserid', info.external_userid).forUpdate().first()
  let created = false
  let changed = false
  if (!contact) {
    contact = await WecomContact.create(
      { externalUserid: info.external_userid, ...fields, memberId: null, status: ContactStatus.Active },
      { client: trx }
    )
    created = true
  } else {
    contact.merge(fields)
    changed = contact.$isDirty
    if (changed) await contact.useTransaction(trx).save()
  }

  for (const follow of follows) {
    if (await upsertFollow(trx, contact, follow)) changed = true
  }
  if (follows.length > 0 && (await refreshStatus(trx, contact))) changed = true
  if (!contact.memberId && (await bindAutomatically(trx, contact))) changed = true
  return { contact, created, changed: changed && !created }
}

async function upsertFollow(trx: TransactionClientContract, contact: WecomContact, info: FollowInfo) {
  const staff = await Staff.query({ client: trx }).where('wecomUserId', info.userid).first()
  const state = info.state || null
  const channelCode = state ? await WecomChannelCode.query({ client: trx }).where('state', state).first() : null
  const tagIds = info.tag_id ?? info.tags?.map((tag) => tag.tag_id).filter((id): id is string => Boolean(id)) ?? []
  const fields = {
    staffId: staff?.id ?? null,
    remark: info.remark || null,
    description: info.description || null,
    remarkMobiles: info.remark_mobiles?.length ? info.remark_mobiles : null,
    addWay: info.add_way ?? null,
    state,
    channelCodeId: channelCode?.id ?? null,
    wecomTagIds: [...tagIds].sort(),
    status: FollowStatus.Active,
    deletedAt: null,
  }
  const follow = await WecomFollow.query({ client: trx })
    .where('contactId', contact.id)
    .where('wecomUserid', info.userid)
    .forUpdate()
    .first()
  if (!follow) {
    const addedAt = info.createtime ? DateTime.fromSeconds(info.createtime) : DateTime.now()
    await WecomFollow.create({ contactId: contact.id, wecomUserid: info.userid, addedAt, ...fields }, { client: trx })
    return true
  }
  follow.merge(fields)
  if (!follow.$isDirty) return false
  await follow.useTransaction(trx).save()
  return true
}

/**
 * A contact is lost when no guide follows them any more, active again when one does.
 */
export async function refreshStatus(trx: TransactionClientContract, contact: WecomContact) {
  const active = await WecomFollow.query({ client: trx })
    .where('contactId', contact.id)
    .where('status', FollowStatus.Active)
    .first()
  const status = active ? ContactStatus.Active : ContactStatus.Lost
  if (contact.status === status) return false
  contact.status = status
  await contact.useTransaction(trx).save()
  return true
}

/**
 * Binds a contact to the one member it matches: by unionid first, then by a mobile a guide
 * noted on the contact (remark_mobiles). Several candidates → a conflict for someone to settle.
 * Returns whether it bound.
 */
export async function bindAutomatically(trx: TransactionClientContract, contact: WecomContact) {
  const known = await MemberIdentity.query({ client: trx })
    .where('type', IdentityType.WecomExternalUserid)
    .where('value', contact.externalUserid)
    .first()
  if (known) return bind(trx, contact, known.memberId)

  if (contact.unionid) {
    const byUnionid = await MemberIdentity.query({ client: trx }).where('type', IdentityType.Unionid).where('value', contact.unionid)
    if (byUnionid.length === 1) return bind(trx, contact, byUnionid[0].memberId)
  }

  const follows = await WecomFollow.query({ client: trx }).where('contactId', contact.id).whereNotNull('remarkMobiles')
  const phones = [
    ...new Set(follows.flatMap((follow) => (follow.remarkMobiles ?? []).map(normalisePhone)).filter(Boolean)),
  ] as string[]
  if (phones.length === 0) return false
  const candidates = await MemberIdentity.query({ client: trx }).where('type', IdentityType.Phone).whereIn('value', phones)
  const memberIds = [...new Set(candidates.map((identity) => identity.memberId))]
  if (memberIds.length === 1) return bind(trx, contact, memberIds[0])
  if (memberIds.length > 1) {
    await WecomBindingConflict.updateOrCreate(
      { contactId: contact.id },
      { reason: 'phone', candidateMemberIds: memberIds.sort((a, b) => a - b) },
      { client: trx }
    )
  }
  return false
}

/**
 * Binds contact → member: the member gains the WeCom identity (and the unionid, when they had
 * none), and their first WeCom guide as owning guide when they had no guide yet. Returns false
 * when the member already has another WeCom contact (that would be a conflict, not a bind).
 */
export async function bind(trx: TransactionClientContract, contact: WecomContact, memberId: number) {
  const member = await Member.query({ client: trx }).where('id', memberId).forUpdate().first()
  if (!member) return false
  const other = await WecomContact.query({ client: trx })
    .where('memberId', memberId)
    .whereNot('id', contact.id)
    .first()
  if (other) return false

  await MemberIdentity.updateOrCreate(
    { type: IdentityType.WecomExternalUserid, value: contact.externalUserid },
    { memberId },
    { client: trx }
  )
  if (contact.unionid) {
    const hasUnionid = await MemberIdentity.query({ client: trx })
      .where((query) =>
        query.where('memberId', memberId).orWhere((inner) => inner.where('value', contact.unionid!))
      )
      .where('type', IdentityType.Unionid)
      .first()
    if (!hasUnionid) {
      await MemberIdentity.create({ memberId, type: IdentityType.Unionid, value: contact.unionid }, { client: trx })
    }
  }
  contact.memberId = memberId
  await contact.useTransaction(trx).save()
  await WecomBindingConflict.query({ client: trx }).where('contactId', contact.id).delete()

  if (!member.ownerStaffId) {
    const follow = await WecomFollow.query({ client: trx })
      .where('contactId', contact.id)
      .where('status', FollowStatus.Active)
      .whereNotNull('staffId')
      .orderBy('addedAt')
      .first()
    if (follow) {
      member.ownerStaffId = follow.staffId
      await member.useTransaction(trx).save()
    }
  }
  return true
}

/**
 * Undoes a binding: the member loses the WeCom identity and the tags WeCom gave them through
 * this contact (a member has one WeCom contact); the contact is unbound.
 */
export async function unbind(trx: TransactionClientContract, contact: WecomContact) {
  if (!contact.memberId) return
  await MemberIdentity.query({ client: trx })
    .where('type', IdentityType.WecomExternalUserid)
    .where('value', contact.externalUserid)
    .delete()
  await trx.from('member_tags').where('member_id', contact.memberId).where('source', TagSource.Wecom).delete()
  contact.memberId = null
  await contact.useTransaction(trx).save()
}
