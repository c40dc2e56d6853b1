import AutoTagRule from '#models/auto_tag_rule'
import { audit, type Actor } from '#services/audit'
import { transaction } from '#services/transactions'

/**
 * Deletes a rule and its hit log. The tags it gave stay with the members (nothing takes them
 * back any more); pause the rule instead to keep its history.
 */
export default class DeleteAutoTagRule {
  async handle(ruleId: number, by: Actor) {
    await transaction(async (trx) => {
      const rule = await AutoTagRule.query({ client: trx }).where('id', ruleId).forUpdate().firstOrFail()
      await trx.from('auto_tag_hits').where('rule_id', rule.id).delete()
      await rule.useTransaction(trx).delete()
      await audit(by, 'auto_tag_rule.delete', { type: 'auto_tag_rule', id: rule.id }, { name: { from: rule.name } }, trx)
    })
  }
}
