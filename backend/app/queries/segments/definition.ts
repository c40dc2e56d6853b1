/**
 * The segment definition of CONTRACTS section 5, parsed from JSON into a typed condition tree.
 * Every problem is reported with its path (`all[2].attr`), all at once.
 */
export const OPS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between', 'in', 'not_in', 'is_null', 'not_null'] as const
export type Op = (typeof OPS)[number]

type FieldKind = 'number' | 'money' | 'days' | 'instant' | 'month' | 'enum' | 'tier' | 'store' | 'staff' | 'boolean'

export const FIELDS: Record<string, { kind: FieldKind; values?: readonly string[] }> = {
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
}

export type Scalar = string | number | boolean
export type Count = { op: Op; value: number | [number, number] }

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { attr: string; op: Op; value?: Scalar | Scalar[] }
  | { tag: string }
  | {
      purchased: {
        sku?: string[]
        category?: string[]
        store?: string[]
        channel?: string[]
        within_days?: number
        weekdays?: number[]
        hours?: [number, number]
        count?: Count
        amount?: Count
      }
    }
  | { event: { type: string; within_days?: number; count?: Count } }
  | { rfm: { r?: [number, number]; f?: [number, number]; m?: [number, number] } }
  | { coupon: { template?: string; status: 'issued' | 'redeemed' | 'expired'; within_days?: number } }

export type DefinitionError = { field: string; message: string; code: string }

export class InvalidDefinition extends Error {
  /** Bad input, not a server fault: answered 422 and not logged as an error. */
  readonly status = 422

  constructor(readonly errors: DefinitionError[]) {
    super('Invalid segment definition')
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const isInt = (v: unknown, min = -Infinity, max = Infinity): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max
const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2}))?$/
const MONEY = /^\d{1,12}(\.\d{1,2})?$/
const MAX_DEPTH = 12
const MAX_NODES = 200

/**
 * Parses and validates a definition; throws InvalidDefinition listing every bad path.
 */
export function parseDefinition(input: unknown, root = 'definition'): Condition {
  const errors: DefinitionError[] = []
  let nodes = 0
  const fail = (field: string, message: string, code = 'invalid') => {
    errors.push({ field, message, code })
    return null
  }

  const condition = (value: unknown, path: string, depth: number): Condition | null => {
    if (++nodes > MAX_NODES) return fail(path, `A definition has at most ${MAX_NODES} conditions`, 'too_large')
    if (depth > MAX_DEPTH) return fail(path, `Groups nest at most ${MAX_DEPTH} deep`, 'too_deep')
    if (!isObject(value)) return fail(path, 'A condition is an object', 'type')
    const keys = Object.keys(value)
    const kind = keys.find((k) => ['all', 'any', 'not', 'attr', 'tag', 'purchased', 'event', 'rfm', 'coupon'].includes(k))
    if (!kind) return fail(path, `Unknown condition: ${keys.join(', ') || 'empty object'}`, 'unknown_condition')

    if (kind === 'all' || kind === 'any') {
      if (keys.length !== 1) return fail(path, `"${kind}" takes no other keys`, 'unknown_key')
      const list = value[kind]
      if (!Array.isArray(list)) return fail(`${path}.${kind}`, `"${kind}" is a list of conditions`, 'type')
      const children = list.map((child, i) => condition(child, `${path === root ? '' : path + '.'}${kind}[${i}]`, depth + 1))
      return children.every(Boolean) ? ({ [kind]: children as Condition[] } as Condition) : null
    }
    if (kind === 'not') {
      if (keys.length !== 1) return fail(path, '"not" takes no other keys', 'unknown_key')
      const child = condition(value.not, `${prefix(path)}not`, depth + 1)
      return child ? { not: child } : null
    }
    if (kind === 'attr') return attribute(value, path)
    if (kind === 'tag') {
      if (keys.length !== 1) return fail(path, '"tag" takes no other keys', 'unknown_key')
      return typeof value.tag === 'string' && value.tag.length <= 64 ? { tag: value.tag } : fail(`${prefix(path)}tag`, 'A tag is its code', 'type')
    }
    if (kind === 'purchased') return purchased(value.purchased, `${prefix(path)}purchased`)
    if (kind === 'event') return event(value.event, `${prefix(path)}event`)
    if (kind === 'rfm') return rfm(value.rfm, `${prefix(path)}rfm`)
    return coupon(value.coupon, `${prefix(path)}coupon`)
  }

  const prefix = (path: string) => (path === root ? '' : `${path}.`)

  const attribute = (value: Record<string, unknown>, path: string): Condition | null => {
    const at = prefix(path)
    const extra = Object.keys(value).filter((k) => !['attr', 'op', 'value'].includes(k))
    if (extra.length) return fail(`${at}${extra[0]}`, `Unknown key ${extra[0]}`, 'unknown_key')
    const field = FIELDS[value.attr as string]
    if (typeof value.attr !== 'string' || !field) return fail(`${at}attr`, `Unknown field ${String(value.attr)}`, 'unknown_field')
    if (!OPS.includes(value.op as Op)) return fail(`${at}op`, `Unknown operator ${String(value.op)}`, 'unknown_op')
    const op = value.op as Op
    if (op === 'is_null' || op === 'not_null') return { attr: value.attr, op }

    const one = (v: unknown) => scalar(field, v)
    if (op === 'between') {
      if (!Array.isArray(value.value) || value.value.length !== 2 || !value.value.every(one)) {
        return fail(`${at}value`, `between takes [from, to] of ${field.kind} values`, 'type')
      }
    } else if (op === 'in' || op === 'not_in') {
      if (!Array.isArray(value.value) || value.value.length === 0 || value.value.length > 1000 || !value.value.every(one)) {
        return fail(`${at}value`, `${op} takes a list of ${field.kind} values`, 'type')
      }
    } else if (!one(value.value)) {
      return fail(`${at}value`, `${value.attr} compares with a ${field.kind} value`, 'type')
    }
    if (['enum', 'boolean', 'staff', 'store'].includes(field.kind) && ['gt', 'gte', 'lt', 'lte', 'between'].includes(op)) {
      return fail(`${at}op`, `${value.attr} cannot be ordered`, 'unknown_op')
    }
    return { attr: value.attr, op, value: value.value as Scalar | Scalar[] }
  }

  const list = (value: unknown, path: string, test: (v: unknown) => boolean, what: string) => {
    const items = typeof value === 'string' || typeof value === 'number' ? [value] : value
    if (!Array.isArray(items) || items.length === 0 || items.length > 1000 || !items.every(test)) {
      fail(path, `Expected ${what} or a list of them`, 'type')
      return undefined
    }
    return items
  }

  const count = (value: unknown, path: string): Count | undefined => {
    if (!isObject(value) || !OPS.includes(value.op as Op) || ['in', 'not_in', 'is_null', 'not_null'].includes(value.op as string)) {
      fail(`${path}.op`, 'A count compares with eq, neq, gt, gte, lt, lte or between', 'unknown_op')
      return undefined
    }
    const v = value.value
    const ok = value.op === 'between' ? Array.isArray(v) && v.length === 2 && v.every((n) => typeof n === 'number' && n >= 0) : typeof v === 'number' && v >= 0
    if (!ok) {
      fail(`${path}.value`, 'A count compares with a non-negative number', 'type')
      return undefined
    }
    return { op: value.op as Op, value: v as number | [number, number] }
  }

  const known = (value: Record<string, unknown>, path: string, allowed: string[]) => {
    const extra = Object.keys(value).filter((k) => !allowed.includes(k))
    for (const key of extra) fail(`${path}.${key}`, `Unknown key ${key}`, 'unknown_key')
    return extra.length === 0
  }

  const withinDays = (value: unknown, path: string) => {
    if (value === undefined) return undefined
    if (!isInt(value, 1, 3650)) fail(`${path}.within_days`, 'within_days is a whole number of days (1–3650)', 'type')
    return value as number
  }

  const purchased = (value: unknown, path: string): Condition | null => {
    if (!isObject(value)) return fail(path, 'purchased is an object of filters', 'type')
    const before = errors.length
    known(value, path, ['sku', 'category', 'store', 'channel', 'within_days', 'weekdays', 'hours', 'count', 'amount'])
    const text = (v: unknown) => typeof v === 'string' && v.length <= 64
    const filters: Extract<Condition, { purchased: unknown }>['purchased'] = {}
    if (value.sku !== undefined) filters.sku = list(value.sku, `${path}.sku`, text, 'a SKU') as string[]
    if (value.category !== undefined) filters.category = list(value.category, `${path}.category`, text, 'a category') as string[]
    if (value.store !== undefined) filters.store = list(value.store, `${path}.store`, text, 'a store code') as string[]
    if (value.channel !== undefined) {
      filters.channel = list(value.channel, `${path}.channel`, (v) => ['pos', 'mall', 'miniprogram'].includes(v as string), 'pos, mall or miniprogram') as string[]
    }
    filters.within_days = withinDays(value.within_days, path)
    if (value.weekdays !== undefined) filters.weekdays = list(value.weekdays, `${path}.weekdays`, (v) => isInt(v, 1, 7), 'a weekday 1–7 (Mon=1)') as number[]
    if (value.hours !== undefined) {
      const h = value.hours
      if (!Array.isArray(h) || h.length !== 2 || !isInt(h[0], 0, 23) || !isInt(h[1], 1, 24) || h[0] >= h[1]) {
        fail(`${path}.hours`, 'hours is [from, to) in local hours, from < to (no wrap past midnight)', 'type')
      } else filters.hours = [h[0], h[1]]
    }
    if (value.count !== undefined) filters.count = count(value.count, `${path}.count`)
    if (value.amount !== undefined) filters.amount = count(value.amount, `${path}.amount`)
    return errors.length === before ? { purchased: filters } : null
  }

  const event = (value: unknown, path: string): Condition | null => {
    if (!isObject(value)) return fail(path, 'event is an object', 'type')
    const before = errors.length
    known(value, path, ['type', 'within_days', 'count'])
    if (typeof value.type !== 'string' || value.type.length > 32) fail(`${path}.type`, 'event.type is required', 'required')
    const filters = {
      type: value.type as string,
      within_days: withinDays(value.within_days, path),
      count: value.count === undefined ? undefined : count(value.count, `${path}.count`),
    }
    return errors.length === before ? { event: filters } : null
  }

  const rfm = (value: unknown, path: string): Condition | null => {
    if (!isObject(value)) return fail(path, 'rfm is an object', 'type')
    const before = errors.length
    known(value, path, ['r', 'f', 'm'])
    const scores: Record<string, [number, number]> = {}
    for (const key of ['r', 'f', 'm']) {
      const range = value[key]
      if (range === undefined) continue
      if (!Array.isArray(range) || range.length !== 2 || !isInt(range[0], 1, 5) || !isInt(range[1], 1, 5) || range[0] > range[1]) {
        fail(`${path}.${key}`, `${key} is [min, max] of quintile scores 1–5`, 'type')
      } else scores[key] = [range[0], range[1]]
    }
    return errors.length === before ? { rfm: scores } : null
  }

  const coupon = (value: unknown, path: string): Condition | null => {
    if (!isObject(value)) return fail(path, 'coupon is an object', 'type')
    const before = errors.length
    known(value, path, ['template', 'status', 'within_days'])
    if (value.template !== undefined && (typeof value.template !== 'string' || value.template.length > 32)) {
      fail(`${path}.template`, 'template is a template code', 'type')
    }
    if (!['issued', 'redeemed', 'expired'].includes(value.status as string)) {
      fail(`${path}.status`, 'status is issued, redeemed or expired', 'type')
    }
    const filters = {
      template: value.template as string | undefined,
      status: value.status as 'issued' | 'redeemed' | 'expired',
      within_days: withinDays(value.within_days, path),
    }
    return errors.length === before ? { coupon: filters } : null
  }

  const parsed = condition(input, root, 0)
  if (errors.length || !parsed) throw new InvalidDefinition(errors)
  return parsed
}

function scalar(field: { kind: FieldKind; values?: readonly string[] }, v: unknown): boolean {
  switch (field.kind) {
    case 'number':
    case 'days':
      return typeof v === 'number' && Number.isFinite(v)
    case 'money':
      return (typeof v === 'number' && Number.isFinite(v) && v >= 0) || (typeof v === 'string' && MONEY.test(v))
    case 'instant':
      return typeof v === 'string' && ISO.test(v) && !Number.isNaN(Date.parse(v))
    case 'month':
      return isInt(v, 1, 12)
    case 'enum':
      return typeof v === 'string' && field.values!.includes(v)
    case 'tier':
    case 'store':
      return typeof v === 'string' && v.length <= 64
    case 'staff':
      return isInt(v, 1)
    case 'boolean':
      return typeof v === 'boolean'
  }
}
