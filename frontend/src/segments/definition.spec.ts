import { describe, expect, it } from 'vitest'
import {
  conditionNode,
  errorsByNode,
  fromDefinition,
  groupNode,
  nodeIdForPath,
  splitErrors,
  toDefinition,
  type ConditionNode,
  type GroupNode,
  type SegmentDefinition,
} from './definition'
import { SEGMENT_TEMPLATES } from './templates'
import { addCondition, addGroup, incompleteIds, removeNode } from './tree'
import { opsFor } from './fields'

const roundTrip = (definition: SegmentDefinition) => toDefinition(fromDefinition(definition))
const template = (key: string) => SEGMENT_TEMPLATES.find((t) => t.key === key)!.definition

describe('the segment definition and the builder’s tree', () => {
  it.each<[string, SegmentDefinition]>([
    ['an attribute with one value', { attr: 'spend_365d', op: 'gte', value: '2000.00' }],
    ['an attribute between two values', { attr: 'created_at', op: 'between', value: ['2025-01-01T00:00:00+08:00', '2025-03-31T23:59:59+08:00'] }],
    ['an attribute in a list', { attr: 'birthday_month', op: 'in', value: [3, 4] }],
    ['an attribute that is empty', { attr: 'days_since_last_purchase', op: 'is_null' }],
    ['a tag', { tag: 'vip' }],
    [
      'a purchase with every filter',
      {
        purchased: {
          sku: ['LATTE', 'MOCHA'],
          category: 'coffee',
          store: ['BJ001'],
          channel: ['pos', 'mall'],
          within_days: 90,
          weekdays: [1, 2, 3, 4, 5],
          hours: [12, 14],
          count: { op: 'between', value: [2, 5] },
          amount: { op: 'gte', value: 100 },
        },
      },
    ],
    ['an event', { event: { type: 'add_to_cart', within_days: 7, count: { op: 'gte', value: 2 } } }],
    ['RFM scores', { rfm: { r: [4, 5], m: [3, 5] } }],
    ['a coupon', { coupon: { template: 'SPRING20', status: 'redeemed', within_days: 30 } }],
    ['groups inside groups, some negated', { any: [{ tag: 'vip' }, { all: [{ not: { tag: 'staff' } }, { not: { any: [{ rfm: { f: [1, 2] } }] } }] }] }],
    ['a negated group at the top', { not: { all: [{ tag: 'vip' }, { tag: 'gold' }] } }],
    ['an empty "all" (everyone)', { all: [] }],
  ])('keeps %s unchanged through the builder', (_, definition) => {
    expect(roundTrip(definition)).toEqual(definition)
  })

  it('reads "not not" as the condition itself, and a one-member "all" at the top as its member', () => {
    expect(roundTrip({ not: { not: { tag: 'vip' } } })).toEqual({ tag: 'vip' })
    expect(roundTrip({ all: [{ tag: 'vip' }] })).toEqual({ tag: 'vip' })
  })

  it('shows a negated condition as a row with "not" on, inside an "all" group', () => {
    const root = fromDefinition(template('visitsWithoutNewItem'))
    expect(root.mode).toBe('all')
    expect(root.children.map((c) => [c.kind, c.negated])).toEqual([
      ['condition', false],
      ['condition', true],
    ])
    expect((root.children[1] as ConditionNode).condition).toEqual({ purchased: { sku: 'OSMANTHUS-LATTE' } })
  })

  it('offers the four yardsticks as templates, exactly as the contract writes them', () => {
    expect(Object.fromEntries(SEGMENT_TEMPLATES.map((t) => [t.key, roundTrip(t.definition)]))).toEqual({
      weekendCoffee: { purchased: { category: 'coffee', weekdays: [6, 7], hours: [7, 10], within_days: 60, count: { op: 'gte', value: 3 } } },
      lapsed: { attr: 'days_since_last_purchase', op: 'gte', value: 30 },
      visitsWithoutNewItem: {
        all: [{ purchased: { within_days: 30, count: { op: 'gte', value: 8 } } }, { not: { purchased: { sku: 'OSMANTHUS-LATTE' } } }],
      },
      setMealTwice: { purchased: { category: 'set_meal', within_days: 30, count: { op: 'gte', value: 2 } } },
    })
  })

  it('turns a single condition into an "all" group once a second one is added', () => {
    const root = fromDefinition(template('lapsed'))
    addCondition(root, root.id, 'tag')
    ;(root.children[1] as ConditionNode).condition = { tag: 'vip' }
    expect(toDefinition(root)).toEqual({ all: [{ attr: 'days_since_last_purchase', op: 'gte', value: 30 }, { tag: 'vip' }] })
    removeNode(root, root.children[1]!.id)
    expect(toDefinition(root)).toEqual({ attr: 'days_since_last_purchase', op: 'gte', value: 30 })
  })

  it('starts a new group with a condition and the other mode, so it is never an empty "all"', () => {
    const root = groupNode('all')
    addGroup(root, root.id)
    expect(toDefinition(root)).toEqual({ any: [{ purchased: { within_days: 30 } }] })
  })

  it('does not count a condition that is missing what it needs', () => {
    const root = groupNode('all', [
      conditionNode({ tag: '' }),
      conditionNode({ attr: 'spend_365d', op: 'between', value: ['100', undefined as never] }),
      conditionNode({ tag: 'vip' }),
      conditionNode({ rfm: {} }),
      conditionNode({ attr: 'spend_365d', op: 'gte', value: '12.345' }),
    ])
    expect(incompleteIds(root)).toEqual([root.children[0]!.id, root.children[1]!.id, root.children[3]!.id, root.children[4]!.id])
  })

  it('offers only the operators the server accepts for a field', () => {
    expect(opsFor('gender')).toEqual(['eq', 'neq', 'in', 'not_in', 'is_null', 'not_null'])
    expect(opsFor('marketing_consent')).toEqual(['eq', 'neq'])
    expect(opsFor('tier')).toContain('gte')
  })
})

describe('placing the server’s path errors', () => {
  const tree = (): GroupNode =>
    fromDefinition({
      all: [{ tag: 'vip' }, { any: [{ attr: 'gender', op: 'eq', value: 'female' }, { attr: 'gender', op: 'gt', value: 'male' }] }, { not: { purchased: { hours: [9, 9] } } }],
    })

  it('puts `all[1].any[1].op` on the second condition of the nested group', () => {
    const root = tree()
    const nested = root.children[1] as GroupNode
    expect(nodeIdForPath(root, 'all[1].any[1].op')).toBe(nested.children[1]!.id)
    expect(nodeIdForPath(root, 'all[1].any')).toBe(nested.id)
  })

  it('puts an error behind a "not" on the negated row, and `definition` on the top group', () => {
    const root = tree()
    expect(nodeIdForPath(root, 'all[2].not.purchased.hours')).toBe(root.children[2]!.id)
    expect(nodeIdForPath(root, 'definition')).toBe(root.id)
  })

  it('does not mistake `all[10]` for `all[1]`', () => {
    const root = groupNode('all', Array.from({ length: 11 }, () => conditionNode({ tag: 'x' })))
    expect(nodeIdForPath(root, 'all[10].tag')).toBe(root.children[10]!.id)
  })

  it('puts errors of a lone top condition (`attr`, `op`) on its row', () => {
    const root = fromDefinition({ attr: 'nope' as never, op: 'gte', value: 1 })
    expect(errorsByNode(root, [{ field: 'attr', message: 'Unknown field nope' }])).toEqual({ [root.children[0]!.id]: ['Unknown field nope'] })
  })

  it('separates the form’s own fields from the definition’s paths', () => {
    const split = splitErrors(
      [
        { field: 'name', message: 'Name is required' },
        { field: 'all[0].tag', message: 'A tag is its code' },
        { message: 'Something else' },
      ],
      ['name', 'kind']
    )
    expect(split).toEqual({ form: { name: 'Name is required' }, definition: [{ field: 'all[0].tag', message: 'A tag is its code' }], general: ['Something else'] })
  })
})
