import Tag from '#models/tag'
import { ConflictException } from '#exceptions/api_exceptions'
import { audit, type Actor } from '#services/audit'
import { transaction } from '#services/transactions'
import { pushCorpTag } from '#services/wecom_tag_push'

/**
 * Deletes a tag. A tag members carry is deleted only when forced, which takes it from them
 * (the audit entry keeps how many). A tag an auto-tag rule gives is never deleted: the rule
 * goes first, so no rule is left tagging with a tag that does not exist.
 */
export default class DeleteTag {
  async handle(code: string, force: boolean, by: Actor) {
    const deleted = await transaction(async (trx) => {
      const tag = await Tag.query({ client: trx }).where('code', code).forUpdate().firstOrFail()
      const rule = await trx.from('auto_tag_rules').where('tag_id', tag.id).select('id', 'name').first()
      if (rule) {
        throw new ConflictException(`Auto-tag rule "${rule.name}" (${rule.id}) gives this tag: delete the rule first`, 'tag_used_by_rule')
      }
      const carried = await trx.from('member_tags').where('tag_id', tag.id).count('* as total').first()
      const members = Number(carried?.total ?? 0)
      if (members > 0 && !force) {
        throw new ConflictException(`${members} members carry this tag: delete with force=1 to take it from them`, 'tag_in_use')
      }
      await trx.from('member_tags').where('tag_id', tag.id).delete()
      await tag.useTransaction(trx).delete()
      await audit(by, 'tag.delete', { type: 'tag', id: tag.id }, { code: { from: tag.code }, members_untagged: { to: members } }, trx)
      return { id: tag.id, wecomTagId: tag.wecomTagId, code: tag.code, members_untagged: members }
    })
    if (deleted.wecomTagId) await pushCorpTag(deleted.id, deleted.wecomTagId)
    return { code: deleted.code, members_untagged: deleted.members_untagged }
  }
}
