import Tag from '#models/tag'
import TagGroup from '#models/tag_group'
import { UnprocessableException } from '#exceptions/api_exceptions'
import { audit, diff, type Actor } from '#services/audit'
import { transaction } from '#services/transactions'
import { pushCorpTag } from '#services/wecom_tag_push'

/**
 * Renames a tag or moves it to another group. The code stays: definitions refer to it.
 */
export default class UpdateTag {
  async handle(code: string, input: { group?: string; name?: string }, by: Actor) {
    const updated = await transaction(async (trx) => {
      const tag = await Tag.query({ client: trx }).where('code', code).preload('group').forUpdate().firstOrFail()
      const before = { group: tag.group.code, name: tag.name }
      if (input.group !== undefined && input.group !== tag.group.code) {
        const group = await TagGroup.findBy('code', input.group, { client: trx })
        if (!group) throw new UnprocessableException(`Unknown tag group ${input.group}`, 'group', 'exists')
        tag.groupId = group.id
        tag.$setRelated('group', group)
      }
      if (input.name !== undefined) tag.name = input.name
      await tag.useTransaction(trx).save()
      await audit(by, 'tag.update', { type: 'tag', id: tag.id }, diff(before, { group: tag.group.code, name: tag.name }), trx)
      return tag
    })
    await pushCorpTag(updated.id)
    return updated
  }
}
