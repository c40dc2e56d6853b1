import TagGroup from '#models/tag_group'
import { ConflictException } from '#exceptions/api_exceptions'
import { audit, diff, type Actor } from '#services/audit'
import { transaction } from '#services/transactions'

export default class CreateTagGroup {
  async handle(input: { code: string; name: string }, by: Actor) {
    return transaction(async (trx) => {
      if (await TagGroup.findBy('code', input.code, { client: trx })) {
        throw new ConflictException(`Tag group code ${input.code} is already used`, 'tag_group_code_taken', 'code')
      }
      const group = await TagGroup.create(input, { client: trx })
      await audit(by, 'tag_group.create', { type: 'tag_group', id: group.id }, diff({}, input), trx)
      return group
    })
  }
}
