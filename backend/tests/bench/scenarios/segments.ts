import Staff from '#models/staff'
import { parseDefinition, type Condition } from '#queries/segments/definition'
import { previewSegment, segmentQuery } from '#queries/segments/preview'
import type { BenchContext, Scenario } from '#tests/bench/harness'

/**
 * Segment preview (count and the newest 50 members, as the console asks) for the four
 * yardstick campaigns of tests/functional/segments.spec.ts, vs hand-written SQL for the same
 * answer. Before timing, both answers are compared member by member.
 */
const PAGE = 50
const DAY = 86_400_000
const daysBefore = (asOf: Date, days: number) => new Date(asOf.getTime() - days * DAY)
/** A line that counts as bought: a sale, by a member, not returned in full. */
const BOUGHT = "l.kind = 'sale' AND l.member_id IS NOT NULL AND l.qty > l.returned_qty"

type Yardstick = {
  name: string
  definition: unknown
  /** The best SQL we would write by hand: SELECT of member ids matching, for `asOf`. */
  sql: (asOf: Date) => { sql: string; bindings: unknown[] }
}

const YARDSTICKS: Yardstick[] = [
  {
    name: 'weekend-morning coffee ≥3 in 60d',
    definition: { purchased: { category: 'coffee', weekdays: [6, 7], hours: [7, 10], within_days: 60, count: { op: 'gte', value: 3 } } },
    sql: (asOf) => ({
      sql: `SELECT l.member_id AS id FROM order_lines l
            WHERE l.category = 'coffee' AND l.paid_at > ? AND l.paid_at <= ? AND ${BOUGHT}
              AND l.local_weekday IN (6, 7) AND l.local_hour >= 7 AND l.local_hour < 10
            GROUP BY l.member_id HAVING COUNT(*) >= 3`,
      bindings: [daysBefore(asOf, 60), asOf],
    }),
  },
  {
    name: 'lapsed: no purchase in 30d',
    definition: { attr: 'days_since_last_purchase', op: 'gte', value: 30 },
    sql: (asOf) => ({
      sql: `SELECT o.member_id AS id FROM orders o
            WHERE o.type = 'sale' AND o.refunded < o.paid AND o.paid_at <= ? AND o.member_id IS NOT NULL
            GROUP BY o.member_id HAVING MAX(o.paid_at) <= ?`,
      bindings: [asOf, daysBefore(asOf, 30)],
    }),
  },
  {
    name: '≥8 visits in 30d, never the new item',
    definition: {
      all: [{ purchased: { within_days: 30, count: { op: 'gte', value: 8 } } }, { not: { purchased: { sku: 'OSMANTHUS-LATTE' } } }],
    },
    sql: (asOf) => ({
      sql: `SELECT l.member_id AS id FROM order_lines l
            WHERE l.paid_at > ? AND l.paid_at <= ? AND ${BOUGHT}
            GROUP BY l.member_id HAVING COUNT(*) >= 8
               AND NOT EXISTS (SELECT 1 FROM order_lines n WHERE n.member_id = l.member_id AND n.sku = 'OSMANTHUS-LATTE'
                               AND n.kind = 'sale' AND n.qty > n.returned_qty AND n.paid_at <= ?)`,
      bindings: [daysBefore(asOf, 30), asOf, asOf],
    }),
  },
  {
    name: 'set meal ≥2 in 30d',
    definition: { purchased: { category: 'set_meal', within_days: 30, count: { op: 'gte', value: 2 } } },
    sql: (asOf) => ({
      sql: `SELECT l.member_id AS id FROM order_lines l
            WHERE l.category = 'set_meal' AND l.paid_at > ? AND l.paid_at <= ? AND ${BOUGHT}
            GROUP BY l.member_id HAVING COUNT(*) >= 2`,
      bindings: [daysBefore(asOf, 30), asOf],
    }),
  },
]

type State = { context: BenchContext; staff: Staff; condition: Condition; yardstick: Yardstick }

/** The hand-written answer in the preview's shape: active members, count and newest page. */
function handWritten(state: State) {
  const { sql, bindings } = state.yardstick.sql(state.context.dataset.asOf)
  const matched = `SELECT m.id, m.created_at FROM members m JOIN (${sql}) s ON s.id = m.id WHERE m.status = 'active'`
  return { matched, bindings }
}

function scenario(yardstick: Yardstick): Scenario<State> {
  return {
    name: `segment: ${yardstick.name}`,
    describe: `preview (count + newest ${PAGE}) through the segment compiler vs hand-written SQL`,
    concurrency: 1,

    async setup(context) {
      const staff = await Staff.findByOrFail('email', context.dataset.hqEmail)
      return { context, staff, condition: parseDefinition(yardstick.definition), yardstick }
    },

    async verify(state) {
      const asOf = state.context.dataset.asOf
      const compiled = (await segmentQuery(state.staff, state.condition, asOf).select('members.id')).map((m) => m.id)
      const { matched, bindings } = handWritten(state)
      const [rows] = await state.context.pool.query(`SELECT id FROM (${matched}) x`, bindings)
      const bare = (rows as { id: number }[]).map((r) => r.id)
      const sort = (ids: number[]) => [...ids].sort((a, b) => a - b)
      const [a, b] = [sort(compiled), sort(bare)]
      if (a.length !== b.length || a.some((id, i) => id !== b[i])) {
        throw new Error(`${yardstick.name}: the compiler found ${a.length} members, the hand-written SQL ${b.length}`)
      }
      return `${a.length} members, equal`
    },

    async run(state) {
      await previewSegment(state.staff, state.condition, { asOf: state.context.dataset.asOf, limit: PAGE })
    },

    async bare(state) {
      const { matched, bindings } = handWritten(state)
      await Promise.all([
        state.context.pool.query(`SELECT COUNT(*) AS total FROM (${matched}) x`, bindings),
        state.context.pool.query(`${matched} ORDER BY m.created_at DESC, m.id DESC LIMIT ${PAGE}`, bindings),
      ])
    },
  }
}

export const segmentPreviews = YARDSTICKS.map(scenario)
