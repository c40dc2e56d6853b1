import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { Job } from '#jobs/job'
import { QueueName } from '#enums/queue'
import { MemberStatus } from '#enums/loyalty'
import { RfmGroup } from '#enums/rfm'

/**
 * The named RFM groups: the one place that maps scores to a group. First match wins; R, F
 * and M are the quintile scores 1..5, and F + M (2..10) stands for how much the member is
 * worth. Members without scores (never purchased, or merged/erased) get no group.
 *
 * | group        | when                                   |
 * |--------------|----------------------------------------|
 * | new_customer | R ≥ 4 and F = 1 (one recent purchase)  |
 * | champions    | R ≥ 4 and F + M ≥ 8                    |
 * | loyal        | R ≥ 3 and F + M ≥ 6                    |
 * | potential    | R ≥ 3                                  |
 * | cant_lose    | R ≤ 2 and F + M ≥ 9                    |
 * | at_risk      | R ≤ 2 and F + M ≥ 6                    |
 * | hibernating  | R = 2                                  |
 * | lost         | R = 1                                  |
 */
export const RFM_GROUP_RULES: { group: RfmGroup; when: string }[] = [
  { group: RfmGroup.NewCustomer, when: 'rfm_r >= 4 AND rfm_f = 1' },
  { group: RfmGroup.Champions, when: 'rfm_r >= 4 AND rfm_f + rfm_m >= 8' },
  { group: RfmGroup.Loyal, when: 'rfm_r >= 3 AND rfm_f + rfm_m >= 6' },
  { group: RfmGroup.Potential, when: 'rfm_r >= 3' },
  { group: RfmGroup.CantLose, when: 'rfm_f + rfm_m >= 9' },
  { group: RfmGroup.AtRisk, when: 'rfm_f + rfm_m >= 6' },
  { group: RfmGroup.Hibernating, when: 'rfm_r = 2' },
  { group: RfmGroup.Lost, when: '1 = 1' },
]

type Expression = { sql: string; bindings: unknown[] }
type Threshold = { score: number; low: string }

/** Members in the ranking: active, with a purchase still not (fully) returned. */
const SCORED: Expression = {
  sql: 'status = ? AND order_count > 0 AND last_purchase_at IS NOT NULL',
  bindings: [MemberStatus.Active],
}

/** Member ids per UPDATE: each statement locks a few thousand rows for a moment, not the table. */
const CHUNK = 2000

/**
 * Nightly RFM: quintile scores 1..5 over the active members who have purchased, for recency
 * (whole days since the last purchase, more recent = 5), frequency (order_count) and monetary
 * value (lifetime_spend, net of refunds), then the named group.
 *
 * A member's score is the quintile where their value's rank falls, with ties sharing the
 * quintile of the first tied member: two members with one order each always get the same F
 * (NTILE would split them by id). Without ties this equals NTILE(5).
 *
 * Set-based: one window query per dimension finds the lowest value of each score; the scores
 * are then written in id ranges, so order ingestion never waits on a million-row update.
 * Recomputing from current values, a rerun only repeats the same result.
 */
export default class ComputeRfmJob extends Job<{}> {
  static jobName = 'ComputeRfmJob'
  static queue = QueueName.Loyalty

  async handle() {
    const now = DateTime.utc().toJSDate()
    const dimensions: Record<'r' | 'f' | 'm', Expression> = {
      r: { sql: '-TIMESTAMPDIFF(DAY, last_purchase_at, ?)', bindings: [now] },
      f: { sql: 'order_count', bindings: [] },
      m: { sql: 'lifetime_spend', bindings: [] },
    }
    const scores = await Promise.all(
      Object.entries(dimensions).map(async ([name, value]) => ({ column: `rfm_${name}`, ...scoreOf(value, await thresholds(value)) }))
    )
    const assignments = scores.map((s) => `${s.column} = CASE WHEN ${SCORED.sql} THEN ${s.sql} END`).join(', ')
    const scoreBindings = scores.flatMap((s) => [...SCORED.bindings, ...s.bindings])
    const group = groupOf()

    const last = await db.from('members').max('id as id').first()
    for (let from = 0; from < Number(last?.id ?? 0); from += CHUNK) {
      const range = [from, from + CHUNK]
      await db.rawQuery(`UPDATE members SET ${assignments} WHERE id > ? AND id <= ?`, [...scoreBindings, ...range])
      await db.rawQuery(`UPDATE members SET rfm_group = ${group.sql} WHERE id > ? AND id <= ?`, [...group.bindings, ...range])
    }
  }
}

/**
 * The lowest value that earns each score present, highest score first. The score of rank k
 * among n is 1 + ⌊5(k − 1) / n⌋, in integer arithmetic (DIV) so no rounding moves a boundary.
 */
async function thresholds(value: Expression): Promise<Threshold[]> {
  const [rows] = await db.rawQuery(
    `SELECT score, MIN(v) AS low FROM (
       SELECT v, 1 + (5 * (RANK() OVER (ORDER BY v) - 1)) DIV COUNT(*) OVER () AS score
       FROM (SELECT ${value.sql} AS v FROM members WHERE ${SCORED.sql}) scored
     ) ranked
     GROUP BY score ORDER BY score DESC`,
    [...value.bindings, ...SCORED.bindings]
  )
  return (rows as { score: number | string; low: string | number }[]).map((row) => ({ score: Number(row.score), low: String(row.low) }))
}

/**
 * A CASE giving a value its score from the thresholds; a value below every threshold (it fell
 * since they were computed) takes the lowest score.
 */
function scoreOf(value: Expression, levels: Threshold[]): Expression {
  if (!levels.length) return { sql: 'NULL', bindings: [] }
  const lowest = levels[levels.length - 1]
  const steps = levels.slice(0, -1)
  if (!steps.length) return { sql: '?', bindings: [lowest.score] }
  return {
    sql: `CASE ${steps.map(() => `WHEN ${value.sql} >= CAST(? AS DECIMAL(16, 2)) THEN ?`).join(' ')} ELSE ? END`,
    bindings: [...steps.flatMap((level) => [...value.bindings, level.low, level.score]), lowest.score],
  }
}

function groupOf(): Expression {
  return {
    sql: `CASE WHEN rfm_r IS NULL OR rfm_f IS NULL OR rfm_m IS NULL THEN NULL ${RFM_GROUP_RULES.map((rule) => `WHEN ${rule.when} THEN ?`).join(' ')} END`,
    bindings: RFM_GROUP_RULES.map((rule) => rule.group),
  }
}
