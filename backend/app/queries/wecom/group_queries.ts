import db from '@adonisjs/lucid/services/db'
import Member from '#models/member'
import Staff from '#models/staff'
import WecomGroup from '#models/wecom_group'
import WecomGroupChange from '#models/wecom_group_change'
import WecomGroupMember from '#models/wecom_group_member'
import { GroupMemberType, GroupStatus } from '#enums/wecom'
import { DataScope } from '#policies/data_scope'
import { containing } from '#queries/like'
import type { Page } from '#queries/paginate'

export type GroupFilters = { q?: string; status?: GroupStatus; page?: number; per_page?: number }

/** A group's detail shows at most this many history entries, newest first. */
export const HISTORY_LIMIT = 500

/**
 * The groups a staff member may see: a guide the groups they own, a store manager those owned
 * by their store's staff, HQ all. With the counts of present members and of bound ones.
 */
export function visibleGroups(actor: Staff) {
  return DataScope.of(actor)
    .ownedByStaff(WecomGroup.query(), 'wecom_groups.owner_staff_id')
    .select('wecom_groups.*')
    .select(
      db.raw('(SELECT COUNT(*) FROM wecom_group_members m WHERE m.group_id = wecom_groups.id AND m.left_at IS NULL) AS member_count'),
      db.raw(
        `(SELECT COUNT(*) FROM wecom_group_members m WHERE m.group_id = wecom_groups.id AND m.left_at IS NULL
          AND m.type = ${GroupMemberType.External} AND m.member_id IS NOT NULL) AS bound_member_count`
      )
    )
}

export async function groupPage(actor: Staff, filters: GroupFilters): Promise<Page<ReturnType<typeof presentGroup>>> {
  const page = filters.page ?? 1
  const perPage = filters.per_page ?? 20
  const query = visibleGroups(actor)
  if (filters.q) {
    const q = filters.q
    query.where((inner) => inner.where('wecom_groups.name', 'like', containing(q)).orWhere('wecom_groups.chat_id', q))
  }
  if (filters.status) query.where('wecom_groups.status', filters.status)
  const result = await query.orderBy('wecom_groups.id', 'desc').paginate(page, perPage)
  const groups = result.all()
  const owners = await ownersOf(groups)
  return { data: groups.map((group) => presentGroup(group, owners)), meta: { total: result.total, page, per_page: perPage } }
}

export function findVisibleGroup(actor: Staff, id: number) {
  return visibleGroups(actor).where('wecom_groups.id', id).first()
}

/** The group with its present members (bound member or staff shown) and its history. */
export async function groupDetail(group: WecomGroup) {
  const [owners, members, history] = await Promise.all([
    ownersOf([group]),
    WecomGroupMember.query().where('groupId', group.id).whereNull('leftAt').orderBy('joinTime').orderBy('id'),
    WecomGroupChange.query().where('groupId', group.id).orderBy('at', 'desc').orderBy('id', 'desc').limit(HISTORY_LIMIT),
  ])
  const memberIds = [...new Set(members.map((m) => m.memberId).filter((id): id is number => id !== null))]
  const bound = memberIds.length ? await Member.query().whereIn('id', memberIds).select('id', 'name', 'memberNo') : []
  const memberById = new Map(bound.map((member) => [member.id, member]))
  return {
    ...presentGroup(group, owners),
    members: members.map((row) => {
      const member = row.memberId ? memberById.get(row.memberId) : undefined
      return {
        id: row.id,
        type: row.type === GroupMemberType.External ? ('external' as const) : ('staff' as const),
        userid: row.memberKey,
        name: row.name,
        group_nickname: row.groupNickname,
        staff_id: row.staffId,
        member: member ? { id: member.id, name: member.name, member_no: member.memberNo } : null,
        join_time: row.joinTime?.toISO() ?? null,
        join_scene: row.joinScene,
        invitor: row.invitor,
      }
    }),
    history: history.map((entry) => ({ id: entry.id, change: entry.change, detail: entry.detail ?? {}, at: entry.at.toISO() })),
  }
}

async function ownersOf(groups: WecomGroup[]) {
  const ids = [...new Set(groups.map((g) => g.ownerStaffId).filter((id): id is number => id !== null))]
  const staff = ids.length ? await Staff.query().whereIn('id', ids).select('id', 'name') : []
  return new Map(staff.map((s) => [s.id, s]))
}

function presentGroup(group: WecomGroup, owners: Map<number, Staff>) {
  const owner = group.ownerStaffId ? owners.get(group.ownerStaffId) : undefined
  return {
    id: group.id,
    chat_id: group.chatId,
    name: group.name,
    owner: { wecom_userid: group.ownerUserid, staff: owner ? { id: owner.id, name: owner.name } : null },
    notice: group.notice,
    status: group.status,
    member_count: Number(group.$extras.member_count ?? 0),
    bound_member_count: Number(group.$extras.bound_member_count ?? 0),
    created_at: (group.wecomCreatedAt ?? group.createdAt).toISO(),
    dismissed_at: group.dismissedAt?.toISO() ?? null,
  }
}
