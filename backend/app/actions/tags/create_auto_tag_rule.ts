import AutoTagRule from '#models/auto_tag_rule'
import Tag from '#models/tag'
import { AutoTagRuleStatus } from '#enums/tag'
import { UnprocessableException } from '#exceptions/api_exceptions'
import { parseDefinition } from '#queries/segments/definition'
import { ruleChanged } from '#services/member_activity'
import { audit, diff, type Actor } from '#services/audit'
import { transaction } from '#services/transactions'

export type AutoTagRuleInput = {
  name: string
  tag_code: string
  definition: unknown
  remove_when_unmatched?: boolean
  status?: AutoTagRuleStatus
}

/**
 * Saves a rule (its definition validated like a segment's: 422 naming each bad path) and,
 * when active, runs it over every member at once rather than waiting for the night.
 */
export default class CreateAutoTagRule {
  async handle(input: AutoTagRuleInput, by: Actor) {
    const definition = parseDefinition(input.definition)
    const rule = await transaction(async (trx) => {
      const tag = await Tag.findBy('code', input.tag_code, { client: trx })
      if (!tag) throw new UnprocessableException(`Unknown tag ${input.tag_code}`, 'tag_code', 'exists')
      const created = await AutoTagRule.create(
        {
          name: input.name,
          tagId: tag.id,
          definition,
          removeWhenUnmatched: input.remove_when_unmatched ?? false,
          status: input.status ?? AutoTagRuleStatus.Active,
        },
        { client: trx }
      )
      await audit(by, 'auto_tag_rule.create', { type: 'auto_tag_rule', id: created.id }, diff({}, { ...input, definition }), trx)
      created.$setRelated('tag', tag)
      return created
    })
    if (rule.status === AutoTagRuleStatus.Active) await ruleChanged(rule.id)
    return rule
  }
}
