import Member from '#models/member'
import Tag from '#models/tag'
import type Staff from '#models/staff'
import { MemberStatus } from '#enums/loyalty'
import { ActivityTrigger, TagSource } from '#enums/tag'
import { DataScope } from '#policies/data_scope'
import { addMemberTags } from '#services/member_tags'
import { memberActivity } from '#services/member_activity'
import { audit, type Actor } from '#services/audit'
import { transaction } from '#services/transactions'
import { pushMemberTags } from '#services/wecom_tag_push'

export type TagMembersAnswer = {
  tagged: number
  already_tagged: number
  skipped: { member_id: number; reason: 'not_found' }[]
}

/**
 * Bulk tagging of listed members. Members the staff member cannot see are skipped and
 * reported, as if absent; members who carry the tag already keep their original row.
 */
export default class TagMembers {
  async handle(code: string, memberIds: number[], staff: Staff, by: Actor): Promise<TagMembersAnswer> {
    const answer = await transaction(async (trx) => {
      const tag = await Tag.query({ client: trx }).where('code', code).firstOrFail()
      const visible = await DataScope.of(staff)
        .members(Member.query({ client: trx }))
        .whereIn('members.id', memberIds)
        .where('members.status', MemberStatus.Active)
        .select('members.id')
      const visibleIds = new Set(visible.map((m) => m.id))
      const ids = memberIds.filter((id) => visibleIds.has(id))
      const tagged = await addMemberTags(trx, tag.id, ids, { source: TagSource.Manual, sourceRef: 'bulk', staffId: staff.id })
      const skipped = memberIds.filter((id) => !visibleIds.has(id)).map((id) => ({ member_id: id, reason: 'not_found' as const }))
      await audit(by, 'tag.members', { type: 'tag', id: tag.id }, { tagged: { to: tagged }, skipped: { to: skipped.length } }, trx)
      return { tagged, already_tagged: ids.length - tagged, skipped, ids, tagId: tag.id }
    })
    await memberActivity(answer.ids, ActivityTrigger.Tag)
    await pushMemberTags(answer.ids, { add: [answer.tagId] })
    return { tagged: answer.tagged, already_tagged: answer.already_tagged, skipped: answer.skipped }
  }
}
