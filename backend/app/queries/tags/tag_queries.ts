import db from '@adonisjs/lucid/services/db'
import Member from '#models/member'
import Tag from '#models/tag'
import type Staff from '#models/staff'
import { MemberStatus } from '#enums/loyalty'
import { DataScope } from '#policies/data_scope'
import { containing } from '#queries/like'
import type { Page } from '#queries/paginate'

export type TagFilters = { page?: number; per_page?: number; group?: string; q?: string }

/**
 * Tags, with how many active members carry each, counted in the staff member's scope (a guide
 * sees how many of their own members carry it). One grouped count for the whole page.
 */
export async function tagList(staff: Staff, filters: TagFilters) {
  const query = Tag.query().preload('group').orderBy('group_id').orderBy('code')
  if (filters.group) query.whereIn('group_id', (sub) => sub.from('tag_groups').select('id').where('code', filters.group!))
  if (filters.q) query.where((q) => q.where('code', 'like', containing(filters.q!)).orWhere('name', 'like', containing(filters.q!)))
  const page = filters.page ?? 1
  const perPage = filters.per_page ?? 20
  const result = await query.paginate(page, perPage)
  const tags = result.all()
  const counts = await memberCounts(staff, tags.map((t) => t.id))
  return {
    data: tags.map((tag) => ({ tag, members: counts.get(tag.id) ?? 0 })),
    meta: { total: result.total, page, per_page: perPage },
  } satisfies Page<{ tag: Tag; members: number }>
}

export async function memberCounts(staff: Staff, tagIds: number[]) {
  if (tagIds.length === 0) return new Map<number, number>()
  const rows = await DataScope.of(staff)
    .members(Member.query())
    .join('member_tags', 'member_tags.member_id', 'members.id')
    .whereIn('member_tags.tag_id', tagIds)
    .where('members.status', MemberStatus.Active)
    .groupBy('member_tags.tag_id')
    .select('member_tags.tag_id')
    .count('* as total')
    .pojo<{ tag_id: number; total: number }>()
  return new Map(rows.map((row) => [Number(row.tag_id), Number(row.total)]))
}

export type MemberTagRow = {
  code: string
  name: string
  group_code: string
  group_name: string
  source: string
  source_ref: string | null
  staff_id: number | null
  created_at: Date
}

/** A member's tags with where each came from, newest first. */
export async function memberTags(memberId: number): Promise<MemberTagRow[]> {
  return db
    .from('member_tags')
    .join('tags', 'tags.id', 'member_tags.tag_id')
    .join('tag_groups', 'tag_groups.id', 'tags.group_id')
    .where('member_tags.member_id', memberId)
    .orderBy('member_tags.created_at', 'desc')
    .orderBy('tags.code')
    .select(
      'tags.code',
      'tags.name',
      'tag_groups.code as group_code',
      'tag_groups.name as group_name',
      'member_tags.source',
      'member_tags.source_ref',
      'member_tags.staff_id',
      'member_tags.created_at'
    )
}
