import { test } from '@japa/runner'
import { planSegment } from '#queries/segments/compile'
import type { Condition } from '#queries/segments/definition'

const visits: Condition = { purchased: { within_days: 30, count: { op: 'gte', value: 8 } } }
const newItem: Condition = { purchased: { sku: ['OSMANTHUS-LATTE'] } }

test.group('Segment plan', () => {
  test('a count every match meets drives the query; the SKU beside it is a lookup per member', ({ assert }) => {
    const plan = planSegment({ all: [{ attr: 'order_count', op: 'gt', value: 1 }, { all: [visits] }, { not: newItem }] })
    assert.match(plan.join!.sql, /^JOIN \(SELECT SQL_BIG_RESULT l\.member_id AS member_id FROM order_lines l .* GROUP BY l\.member_id HAVING /)
    assert.include(plan.where.sql, 'members.order_count')
    assert.include(plan.where.sql, 'NOT ((SELECT COUNT(*) > 0 FROM order_lines l WHERE l.member_id = members.id AND')
    assert.notInclude(plan.where.sql, 'GROUP BY')
  })

  test('a count under not or any, or one met by members without lines, drives nothing', ({ assert }) => {
    const fewer: Condition = { purchased: { within_days: 30, count: { op: 'lt', value: 2 } } }
    for (const condition of [{ not: visits }, { any: [visits, newItem] }, fewer, { all: [fewer, newItem] }] as Condition[]) {
      const plan = planSegment(condition)
      assert.isNull(plan.join)
      assert.notInclude(plan.where.sql, '= members.id AND')
    }
  })

  test('hours are listed whole, so the slot index reads one range per weekday and hour', ({ assert }) => {
    const plan = planSegment({ purchased: { category: ['coffee'], weekdays: [6, 7], hours: [7, 10], count: { op: 'gte', value: 3 } } })
    assert.include(plan.join!.sql, 'l.local_hour IN (?, ?, ?)')
    assert.includeMembers(plan.join!.bindings, [7, 8, 9])
  })

  test('a slice of members narrows the driver to their lines', ({ assert }) => {
    const plan = planSegment(visits, { slice: { after: 20_000, upTo: 40_000 } })
    assert.include(plan.join!.sql, 'l.member_id > ? AND l.member_id <= ?')
    assert.includeMembers(plan.join!.bindings, [20_000, 40_000])
  })
})
