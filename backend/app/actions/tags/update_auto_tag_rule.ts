import AutoTagRule from '#models/auto_tag_rule'
import Tag from '#models/tag'
import { AutoTagRuleStatus } from '#enums/tag'
import { UnprocessableException } from '#exceptions/api_exceptions'
import { parseDefinition } from '#queries/segments/definition'
import { ruleChanged } from '#services/member_activity'
import { audit, diff, type Actor } from '#services/audit'
import { transaction } from '#services/transactions'
import type { AutoTagRuleInput } from '#actions/tags/create_auto_tag_rule'

/**
 * Changes a rule; an active rule whose meaning changed then runs over every member. Tags the rule gave keep their
 * rows (source_ref is the rule's id), so a changed definition with remove_when_unmatched takes
 * its tag from the members who no longer match.
 */
export default class UpdateAutoTagRule {
  async handle(ruleId: number, input: Partial<AutoTagRuleInput>, by: Actor) {
    const definition = input.definition === undefined ? undefined : parseDefinition(input.definition)
    const rule = await transaction(async (trx) => {
      const row = await AutoTagRule.query({ client: trx }).where('id', ruleId).preload('tag').forUpdate().firstOrFail()
      const snapshot = () => ({
        name: row.name,
        tag_code: row.tag.code,
        definition: row.definition,
        remove_when_unmatched: row.removeWhenUnmatched,
        status: row.status,
      })
      const before = snapshot()
      if (input.tag_code !== undefined && input.tag_code !== row.tag.code) {
        const tag = await Tag.findBy('code', input.tag_code, { client: trx })
        if (!tag) throw new UnprocessableException(`Unknown tag ${input.tag_code}`, 'tag_code', 'exists')
        row.tagId = tag.id
        row.$setRelated('tag', tag)
      }
      if (input.name !== undefined) row.name = input.name
      if (definition !== undefined) row.definition = definition
      if (input.remove_when_unmatched !== undefined) row.removeWhenUnmatched = input.remove_when_unmatched
      if (input.status !== undefined) row.status = input.status
      await row.useTransaction(trx).save()
      const changes = diff(before, snapshot())
      await audit(by, 'auto_tag_rule.update', { type: 'auto_tag_rule', id: row.id }, changes, trx)
      return { row, rerun: Object.keys(changes).some((field) => field !== 'name') }
    })
    if (rule.row.status === AutoTagRuleStatus.Active && rule.rerun) await ruleChanged(rule.row.id)
    return rule.row
  }
}
