import Member from '#models/member'
import Staff from '#models/staff'
import Tag from '#models/tag'
import WecomChannelCode from '#models/wecom_channel_code'
import WecomContact from '#models/wecom_contact'
import WecomFollow from '#models/wecom_follow'
import { DataScope } from '#policies/data_scope'
import { containing } from '#queries/like'
import type { Page } from '#queries/paginate'
import { maskPhone } from '#services/member_registry'

export type ContactFilters = {
  q?: string
  staff_id?: number
  channel_code_id?: number
  bound?: 'yes' | 'no'
  status?: 'active' | 'lost'
  page?: number
  per_page?: number
}

/**
 * The contacts a staff member may see: those followed (now or before) by themselves (guide)
 * or by their store's staff (store manager); all for HQ.
 */
export function visibleContacts(actor: Staff, filters: Omit<ContactFilters, 'page' | 'per_page'> = {}) {
  const follows = DataScope.of(actor).ownedByStaff(WecomFollow.query().select('contact_id'), 'staff_id')
  if (filters.staff_id) follows.where('staff_id', filters.staff_id)
  if (filters.channel_code_id) follows.where('channel_code_id', filters.channel_code_id)

  const query = WecomContact.query().whereIn('id', follows)
  if (filters.q) {
    const like = containing(filters.q)
    query.where((inner) =>
      inner
        .where('name', 'like', like)
        .orWhere('external_userid', filters.q!)
        .orWhereIn('id', WecomFollow.query().select('contact_id').where('remark', 'like', like))
    )
  }
  if (filters.bound === 'yes') query.whereNotNull('member_id')
  if (filters.bound === 'no') query.whereNull('member_id')
  if (filters.status) query.where('status', filters.status)
  return query
}

export async function contactPage(actor: Staff, filters: ContactFilters): Promise<Page<ReturnType<typeof presentContact>>> {
  const page = filters.page ?? 1
  const perPage = filters.per_page ?? 20
  const result = await visibleContacts(actor, filters).orderBy('updated_at', 'desc').orderBy('id', 'desc').paginate(page, perPage)
  const contacts = result.all()
  return { data: await presentContacts(actor, contacts), meta: { total: result.total, page, per_page: perPage } }
}

export async function findVisibleContact(actor: Staff, id: number) {
  return visibleContacts(actor).where('id', id).first()
}

/**
 * Contacts with their bound member, follows (guide, channel) and WeCom tags, loaded in a few
 * queries for the whole page.
 */
export async function presentContacts(actor: Staff, contacts: WecomContact[]) {
  const ids = contacts.map((contact) => contact.id)
  const follows = ids.length ? await WecomFollow.query().whereIn('contactId', ids).orderBy('addedAt') : []
  const staffIds = unique(follows.map((follow) => follow.staffId))
  const codeIds = unique(follows.map((follow) => follow.channelCodeId))
  const memberIds = unique(contacts.map((contact) => contact.memberId))
  const tagIds = unique(follows.flatMap((follow) => follow.wecomTagIds ?? []))
  const [staff, codes, members, tags] = await Promise.all([
    staffIds.length ? Staff.query().whereIn('id', staffIds) : [],
    codeIds.length ? WecomChannelCode.query().whereIn('id', codeIds) : [],
    memberIds.length ? Member.query().whereIn('id', memberIds) : [],
    tagIds.length ? Tag.query().whereIn('wecomTagId', tagIds).preload('group') : [],
  ])
  const staffById = new Map(staff.map((member) => [member.id, member]))
  const codeById = new Map(codes.map((code) => [code.id, code]))
  const memberById = new Map(members.map((member) => [member.id, member]))
  const tagByWecomId = new Map(tags.map((tag) => [tag.wecomTagId!, tag]))
  const fullPhones = DataScope.of(actor).seesFullPhones

  return contacts.map((contact) => {
    const own = follows.filter((follow) => follow.contactId === contact.id)
    const member = contact.memberId ? memberById.get(contact.memberId) : undefined
    const tagList = unique(own.flatMap((follow) => follow.wecomTagIds ?? []))
      .map((id) => tagByWecomId.get(id))
      .filter((tag): tag is Tag => tag !== undefined)
    return presentContact(contact, {
      member: member
        ? { id: member.id, name: member.name, member_no: member.memberNo, phone: fullPhones ? member.phone : maskPhone(member.phone) }
        : null,
      follows: own.map((follow) => {
        const guide = follow.staffId ? staffById.get(follow.staffId) : undefined
        const code = follow.channelCodeId ? codeById.get(follow.channelCodeId) : undefined
        return {
          id: follow.id,
          staff: guide ? { id: guide.id, name: guide.name } : null,
          wecom_userid: follow.wecomUserid,
          remark: follow.remark,
          description: follow.description,
          add_way: follow.addWay,
          state: follow.state,
          channel_code: code ? { id: code.id, name: code.name } : null,
          status: follow.status,
          added_at: follow.addedAt.toISO(),
          deleted_at: follow.deletedAt?.toISO() ?? null,
        }
      }),
      tags: tagList.map((tag) => ({ id: tag.id, code: tag.code, name: tag.name, group: { id: tag.group.id, name: tag.group.name } })),
    })
  })
}

function presentContact(contact: WecomContact, related: { member: unknown; follows: unknown[]; tags: unknown[] }) {
  return {
    id: contact.id,
    external_userid: contact.externalUserid,
    name: contact.name,
    avatar: contact.avatar,
    type: contact.type,
    gender: contact.gender,
    unionid: contact.unionid,
    corp_name: contact.corpName,
    status: contact.status,
    ...related,
    created_at: contact.createdAt.toISO(),
  }
}

function unique<T>(values: (T | null | undefined)[]): T[] {
  return [...new Set(values.filter((value): value is T => value !== null && value !== undefined))]
}
