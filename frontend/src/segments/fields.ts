/**
 * What a segment definition may say (CONTRACTS §5), mirrored from the parser the server runs
 * (backend/app/queries/segments/definition.ts): the attribute fields and the kind of value each
 * compares with, the operators, and the filters of the other condition types. The builder only
 * offers what the server accepts.
 */
export const OPS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between', 'in', 'not_in', 'is_null', 'not_null'] as const
export type Op = (typeof OPS)[number]

/** `count` and `amount` of purchases and events compare with these. */
export const COUNT_OPS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between'] as const
export type CountOp = (typeof COUNT_OPS)[number]

/**
 * How a value is typed in: `number` any number, `money` yuan (decimal string), `days` whole
 * days, `instant` a date-time with its offset, `month` 1–12, `enum` one of `values`, `tier` a
 * tier code, `store` a store code, `staff` a guide's id, `boolean` yes / no.
 */
export type FieldKind = 'number' | 'money' | 'days' | 'instant' | 'month' | 'enum' | 'tier' | 'store' | 'staff' | 'boolean'

export interface FieldSpec {
  kind: FieldKind
  values?: readonly string[]
}

export const FIELDS = {
  tier: { kind: 'tier' },
  points_balance: { kind: 'number' },
  lifetime_spend: { kind: 'money' },
  spend_365d: { kind: 'money' },
  order_count: { kind: 'number' },
  days_since_last_purchase: { kind: 'days' },
  first_purchase_at: { kind: 'instant' },
  last_purchase_at: { kind: 'instant' },
  birthday_month: { kind: 'month' },
  gender: { kind: 'enum', values: ['male', 'female', 'unknown'] },
  register_channel: { kind: 'enum', values: ['pos', 'mall', 'miniprogram', 'wecom', 'console', 'web'] },
  register_store: { kind: 'store' },
  owner_guide: { kind: 'staff' },
  has_wecom_contact: { kind: 'boolean' },
  marketing_consent: { kind: 'boolean' },
  created_at: { kind: 'instant' },
} as const satisfies Record<string, FieldSpec>

export type AttrField = keyof typeof FIELDS
export const ATTR_FIELDS = Object.keys(FIELDS) as AttrField[]

export function fieldSpec(field: string): FieldSpec | undefined {
  return (FIELDS as Record<string, FieldSpec>)[field]
}

/** Kinds the server refuses to order (gt, gte, lt, lte, between). */
const UNORDERED: readonly FieldKind[] = ['enum', 'boolean', 'staff', 'store']
const ORDERED_OPS: readonly Op[] = ['gt', 'gte', 'lt', 'lte', 'between']

/**
 * The operators offered for a field: those the server accepts for it. A yes / no field offers
 * only "is" and "is not" (the others are accepted but say nothing more); an operator already in
 * a loaded definition stays offered when the server accepts it.
 */
export function opsFor(field: string, current?: Op): Op[] {
  const spec = fieldSpec(field)
  if (!spec) return [...OPS]
  const accepted = OPS.filter((op) => !(UNORDERED.includes(spec.kind) && ORDERED_OPS.includes(op)))
  if (spec.kind !== 'boolean') return accepted
  return accepted.filter((op) => op === 'eq' || op === 'neq' || op === current)
}

/** What an operator takes: nothing, one value, a [from, to] pair, or a list. */
export type ValueShape = 'none' | 'one' | 'pair' | 'list'

export function valueShape(op: Op): ValueShape {
  if (op === 'is_null' || op === 'not_null') return 'none'
  if (op === 'between') return 'pair'
  if (op === 'in' || op === 'not_in') return 'list'
  return 'one'
}

export const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const
/** ISO weekdays, Monday = 1 (CONTRACTS §5). */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const
/** Channels an order line is sold through. */
export const PURCHASE_CHANNELS = ['pos', 'mall', 'miniprogram'] as const
export const COUPON_CONDITION_STATUSES = ['issued', 'redeemed', 'expired'] as const
export type CouponConditionStatus = (typeof COUPON_CONDITION_STATUSES)[number]
export const RFM_SCORES = ['r', 'f', 'm'] as const
export type RfmScore = (typeof RFM_SCORES)[number]

/** `within_days` is 1–3650 whole days. */
export const MAX_WITHIN_DAYS = 3650
const MONEY = /^\d{1,12}(\.\d{1,2})?$/
const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2}))?$/

/** Whether one value is what the field compares with (the server's `scalar` check). */
export function isFieldValue(spec: FieldSpec, value: unknown): boolean {
  switch (spec.kind) {
    case 'number':
    case 'days':
      return typeof value === 'number' && Number.isFinite(value)
    case 'money':
      return (typeof value === 'number' && Number.isFinite(value) && value >= 0) || (typeof value === 'string' && MONEY.test(value))
    case 'instant':
      return typeof value === 'string' && ISO.test(value) && !Number.isNaN(Date.parse(value))
    case 'month':
      return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 12
    case 'enum':
      return typeof value === 'string' && (spec.values ?? []).includes(value)
    case 'tier':
    case 'store':
      return typeof value === 'string' && value.length > 0 && value.length <= 64
    case 'staff':
      return Number.isInteger(value) && (value as number) >= 1
    case 'boolean':
      return typeof value === 'boolean'
  }
}

/** A sensible first value when a field or operator is picked. */
export function defaultFieldValue(spec: FieldSpec): string | number | boolean | undefined {
  switch (spec.kind) {
    case 'days':
      return 30
    case 'number':
      return 0
    case 'boolean':
      return true
    case 'month':
      return new Date().getMonth() + 1
    case 'enum':
      return spec.values?.[0]
    default:
      return undefined
  }
}
