import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import AutoTagRule from '#models/auto_tag_rule'
import { AutoTagAction, AutoTagRuleStatus, TagSource, type ActivityTrigger } from '#enums/tag'
import { MemberStatus } from '#enums/loyalty'
import { compileSegment, type Fragment } from '#queries/segments/compile'
import { parseDefinition } from '#queries/segments/definition'
import { addMemberTags } from '#services/member_tags'
import { transaction } from '#services/transactions'
import { pushMemberTags } from '#services/wecom_tag_push'

/** Members per pass of a full run: bounds each transaction and the ids held in memory. */
const CHUNK = 10_000

type Binding = string | number | boolean | Date
type CompiledRule = { rule: AutoTagRule; match: Fragment }
export type EvaluationResult = { added: number; removed: number }

/**
 * Runs the active auto-tag rules: members who match a rule get its tag (source `rule`, the
 * rule's id as source_ref); with remove_when_unmatched, members who no longer match lose it,
 * but only where this rule added it, never a tag given by hand or by another rule. Every change
 * is written to `auto_tag_hits`. A run changes only what differs, so running again is harmless.
 */
export default class EvaluateAutoTagRules {
  /** After activity: only these members, every active rule. */
  async forMembers(memberIds: number[], trigger: ActivityTrigger) {
    const rules = await this.#rules()
    if (memberIds.length === 0 || rules.length === 0) return { added: 0, removed: 0 }
    return this.#pass(rules, { sql: `members.id IN (${memberIds.map(() => '?').join(', ')})`, bindings: memberIds }, trigger)
  }

  /** Every member, one id range at a time (nightly, or when a rule is created or changed). */
  async forAll(trigger: ActivityTrigger, ruleId?: number) {
    const rules = await this.#rules(ruleId)
    const total: EvaluationResult = { added: 0, removed: 0 }
    if (rules.length === 0) return total
    const bounds = await db.from('members').max('id as last').first()
    const last = Number(bounds?.last ?? 0)
    for (let from = 0; from < last; from += CHUNK) {
      const result = await this.#pass(rules, { sql: 'members.id > ? AND members.id <= ?', bindings: [from, from + CHUNK] }, trigger)
      total.added += result.added
      total.removed += result.removed
    }
    await AutoTagRule.query()
      .whereIn('id', rules.map(({ rule }) => rule.id))
      .update({ last_run_at: new Date() })
    return total
  }

  /**
   * Removals first, for every rule, then additions: when two rules give the same tag, one
   * taking its copy back does not leave a member untagged whom the other still matches.
   */
  async #pass(rules: CompiledRule[], members: Fragment, trigger: ActivityTrigger) {
    const result: EvaluationResult = { added: 0, removed: 0 }
    for (const rule of rules) {
      if (rule.rule.removeWhenUnmatched) result.removed += await this.#remove(rule, members, trigger)
    }
    for (const rule of rules) result.added += await this.#add(rule, members, trigger)
    return result
  }

  async #remove({ rule, match }: CompiledRule, members: Fragment, trigger: ActivityTrigger) {
    return transaction(async (trx) => {
      if (!(await lockRule(trx, rule.id))) return 0
      const rows = await trx
        .from('member_tags as held')
        .join('members', 'members.id', 'held.member_id')
        .where('held.tag_id', rule.tagId)
        .where('held.source', TagSource.Rule)
        .where('held.source_ref', String(rule.id))
        .where('members.status', MemberStatus.Active)
        .whereRaw(members.sql, members.bindings as Binding[])
        // IS NOT TRUE: a condition that is unknown for a member counts as not matching.
        .whereRaw(`(${match.sql}) IS NOT TRUE`, match.bindings as Binding[])
        .select('held.member_id')
      const ids: number[] = rows.map((row) => row.member_id)
      if (ids.length === 0) return 0
      await trx
        .from('member_tags')
        .where('tag_id', rule.tagId)
        .where('source', TagSource.Rule)
        .where('source_ref', String(rule.id))
        .whereIn('member_id', ids)
        .delete()
      await recordHits(trx, rule.id, ids, AutoTagAction.Removed, trigger)
      trx.after('commit', () => pushMemberTags(ids, { remove: [rule.tagId] }))
      return ids.length
    })
  }

  async #add({ rule, match }: CompiledRule, members: Fragment, trigger: ActivityTrigger) {
    return transaction(async (trx) => {
      if (!(await lockRule(trx, rule.id))) return 0
      const candidates = await trx
        .from('members')
        .where('members.status', MemberStatus.Active)
        .whereRaw(members.sql, members.bindings as Binding[])
        .whereRaw(match.sql, match.bindings as Binding[])
        .whereNotExists((q) => q.from('member_tags as held').whereRaw('held.member_id = members.id').where('held.tag_id', rule.tagId))
        .select('members.id')
      const ids: number[] = candidates.map((row) => row.id)
      if (ids.length === 0) return 0
      await addMemberTags(trx, rule.tagId, ids, { source: TagSource.Rule, sourceRef: String(rule.id) })
      // A member tagged by someone else in the meantime kept that row: no hit for them.
      const added = await trx
        .from('member_tags')
        .where('tag_id', rule.tagId)
        .where('source', TagSource.Rule)
        .where('source_ref', String(rule.id))
        .whereIn('member_id', ids)
        .select('member_id')
      const addedIds: number[] = added.map((row) => row.member_id)
      await recordHits(trx, rule.id, addedIds, AutoTagAction.Added, trigger)
      trx.after('commit', () => pushMemberTags(addedIds, { add: [rule.tagId] }))
      return addedIds.length
    })
  }

  /**
   * Active rules with their compiled condition. A stored definition that no longer parses
   * (saved under older rules) is skipped and reported, so one bad rule cannot stop the others.
   */
  async #rules(ruleId?: number): Promise<CompiledRule[]> {
    const query = AutoTagRule.query().where('status', AutoTagRuleStatus.Active).orderBy('id')
    if (ruleId) query.where('id', ruleId)
    const compiled: CompiledRule[] = []
    for (const rule of await query) {
      try {
        compiled.push({ rule, match: compileSegment(parseDefinition(rule.definition)) })
      } catch (error) {
        logger.warn({ err: error, ruleId: rule.id }, 'auto-tag rule skipped: its definition does not parse')
      }
    }
    return compiled
  }
}

/**
 * Runs of one rule take turns (a row lock on the rule), so two runs cannot both count the same
 * member as added. False when the rule was paused or deleted meanwhile: it stops at once.
 */
async function lockRule(trx: TransactionClientContract, ruleId: number) {
  const row = await trx.from('auto_tag_rules').where('id', ruleId).where('status', AutoTagRuleStatus.Active).forUpdate().first()
  return Boolean(row)
}

async function recordHits(trx: TransactionClientContract, ruleId: number, memberIds: number[], action: AutoTagAction, trigger: ActivityTrigger) {
  if (memberIds.length === 0) return
  const now = new Date()
  await trx
    .table('auto_tag_hits')
    .multiInsert(memberIds.map((memberId) => ({ rule_id: ruleId, member_id: memberId, action, trigger, created_at: now })))
}
