import Tag from '#models/tag'
import TagGroup from '#models/tag_group'
import { ConflictException, UnprocessableException } from '#exceptions/api_exceptions'
import { audit, diff, type Actor } from '#services/audit'
import { transaction } from '#services/transactions'
import { pushCorpTag } from '#services/wecom_tag_push'

export default class CreateTag {
  async handle(input: { group: string; code: string; name: string }, by: Actor) {
    const created = await transaction(async (trx) => {
      const group = await TagGroup.findBy('code', input.group, { client: trx })
      if (!group) throw new UnprocessableException(`Unknown tag group ${input.group}`, 'group', 'exists')
      if (await Tag.findBy('code', input.code, { client: trx })) {
        throw new ConflictException(`Tag code ${input.code} is already used`, 'tag_code_taken', 'code')
      }
      const tag = await Tag.create({ groupId: group.id, code: input.code, name: input.name }, { client: trx })
      await audit(by, 'tag.create', { type: 'tag', id: tag.id }, diff({}, input), trx)
      tag.$setRelated('group', group)
      return tag
    })
    await pushCorpTag(created.id)
    return created
  }
}
