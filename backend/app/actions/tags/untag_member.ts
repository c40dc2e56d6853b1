import Member from '#models/member'
import Tag from '#models/tag'
import type Staff from '#models/staff'
import { ActivityTrigger } from '#enums/tag'
import { NotFoundException } from '#exceptions/api_exceptions'
import { DataScope } from '#policies/data_scope'
import { memberActivity } from '#services/member_activity'
import { audit, type Actor } from '#services/audit'
import { transaction } from '#services/transactions'
import { pushMemberTags } from '#services/wecom_tag_push'

/**
 * Takes a tag from a member the staff member can see, whatever gave it. A rule that still
 * matches the member gives it back on its next run: pause or change the rule to stop that.
 */
export default class UntagMember {
  async handle(memberId: number, code: string, staff: Staff, by: Actor) {
    const tagId = await transaction(async (trx) => {
      const member = await DataScope.of(staff).members(Member.query({ client: trx })).where('members.id', memberId).firstOrFail()
      const tag = await Tag.findBy('code', code, { client: trx })
      const row = tag && (await trx.from('member_tags').where({ member_id: member.id, tag_id: tag.id }).forUpdate().first())
      if (!tag || !row) throw new NotFoundException('The member does not carry this tag')
      await trx.from('member_tags').where({ member_id: member.id, tag_id: tag.id }).delete()
      await audit(
        by,
        'member.untag',
        { type: 'member', id: member.id },
        { tag: { from: tag.code }, source: { from: row.source }, source_ref: { from: row.source_ref } },
        trx
      )
      return tag.id
    })
    await memberActivity([memberId], ActivityTrigger.Tag)
    await pushMemberTags([memberId], { remove: [tagId] })
  }
}
