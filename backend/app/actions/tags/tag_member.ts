import Member from '#models/member'
import Tag from '#models/tag'
import type Staff from '#models/staff'
import { MemberStatus } from '#enums/loyalty'
import { ActivityTrigger, TagSource } from '#enums/tag'
import { UnprocessableException } from '#exceptions/api_exceptions'
import { DataScope } from '#policies/data_scope'
import { addMemberTags } from '#services/member_tags'
import { memberActivity } from '#services/member_activity'
import { audit, type Actor } from '#services/audit'
import { transaction } from '#services/transactions'
import { pushMemberTags } from '#services/wecom_tag_push'

/**
 * A staff member tags a member they can see (404 otherwise). Tags the member already carries
 * keep their original row (source, who, when).
 */
export default class TagMember {
  async handle(memberId: number, codes: string[], staff: Staff, by: Actor) {
    const { codes: added, ids } = await transaction(async (trx) => {
      const member = await DataScope.of(staff)
        .members(Member.query({ client: trx }))
        .where('members.id', memberId)
        .where('members.status', MemberStatus.Active)
        .firstOrFail()
      const tags = await Tag.query({ client: trx }).whereIn('code', codes)
      const unknown = codes.findIndex((code) => !tags.some((t) => t.code === code))
      if (unknown >= 0) throw new UnprocessableException(`Unknown tag ${codes[unknown]}`, `tag_codes.${unknown}`, 'exists')

      const fresh: string[] = []
      const freshIds: number[] = []
      for (const tag of tags) {
        const inserted = await addMemberTags(trx, tag.id, [member.id], { source: TagSource.Manual, staffId: staff.id })
        if (inserted) {
          fresh.push(tag.code)
          freshIds.push(tag.id)
        }
      }
      if (fresh.length) await audit(by, 'member.tag', { type: 'member', id: member.id }, { tags: { to: fresh } }, trx)
      return { codes: fresh, ids: freshIds }
    })
    // Rules may build on tags ("VIP who bought coffee"): let them see this one.
    if (added.length) await memberActivity([memberId], ActivityTrigger.Tag)
    await pushMemberTags([memberId], { add: ids })
    return added
  }
}
