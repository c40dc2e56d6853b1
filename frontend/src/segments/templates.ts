import type { SegmentDefinition } from './definition'

/**
 * Segments an operator starts from ("从模板开始"): the four yardsticks of the product brief. The
 * names and hints are `segments.templates.<key>` in the locale files.
 */
export interface SegmentTemplate {
  key: 'weekendCoffee' | 'lapsed' | 'visitsWithoutNewItem' | 'setMealTwice'
  definition: SegmentDefinition
}

export const SEGMENT_TEMPLATES: readonly SegmentTemplate[] = [
  {
    key: 'weekendCoffee',
    definition: { purchased: { category: 'coffee', weekdays: [6, 7], hours: [7, 10], within_days: 60, count: { op: 'gte', value: 3 } } },
  },
  {
    key: 'lapsed',
    definition: { attr: 'days_since_last_purchase', op: 'gte', value: 30 },
  },
  {
    key: 'visitsWithoutNewItem',
    definition: { all: [{ purchased: { within_days: 30, count: { op: 'gte', value: 8 } } }, { not: { purchased: { sku: 'OSMANTHUS-LATTE' } } }] },
  },
  {
    key: 'setMealTwice',
    definition: { purchased: { category: 'set_meal', within_days: 30, count: { op: 'gte', value: 2 } } },
  },
]
