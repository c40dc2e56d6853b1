import type { Condition, Count, Op, Scalar } from '#queries/segments/definition'
import { FIELDS } from '#queries/segments/definition'

/**
 * A WHERE fragment over `members`: SQL text built only from fixed names and placeholders,
 * with every value in `bindings`. No value ever reaches the SQL text.
 */
export type Fragment = { sql: string; bindings: unknown[] }

const TRUE: Fragment = { sql: '1 = 1', bindings: [] }
const FALSE: Fragment = { sql: '1 = 0', bindings: [] }
const DAY_MS = 86_400_000

/**
 * Compiles a parsed definition. `asOf` moves "now" for every window computed from orders,
 * events and coupons; stored values (tier, points, spend, RFM) are today's.
 */
export function compileSegment(condition: Condition, options: { asOf?: Date } = {}): Fragment {
  const now = options.asOf ?? new Date()
  const asOf = options.asOf

  const node = (c: Condition): Fragment => {
    if ('all' in c) return join(c.all.map(node), 'AND', TRUE)
    if ('any' in c) return join(c.any.map(node), 'OR', FALSE)
    if ('not' in c) {
      const inner = node(c.not)
      return { sql: `NOT (${inner.sql})`, bindings: inner.bindings }
    }
    if ('attr' in c) return attribute(c.attr, c.op, c.value)
    if ('tag' in c) {
      return {
        sql: 'members.id IN (SELECT mt.member_id FROM member_tags mt JOIN tags t ON t.id = mt.tag_id WHERE t.code = ?)',
        bindings: [c.tag],
      }
    }
    if ('purchased' in c) return purchased(c.purchased)
    if ('event' in c) return event(c.event)
    if ('rfm' in c) {
      const parts = Object.entries(c.rfm).map(([score, [min, max]]) => ({
        sql: `(members.rfm_${score} IS NOT NULL AND members.rfm_${score} BETWEEN ? AND ?)`,
        bindings: [min, max],
      }))
      return join(parts, 'AND', TRUE)
    }
    return coupon(c.coupon)
  }

  const attribute = (attr: string, op: Op, value?: Scalar | Scalar[]): Fragment => {
    const field = FIELDS[attr]
    switch (attr) {
      case 'tier':
        return tier(op, value)
      case 'register_store':
        return storeCode(op, value)
      case 'has_wecom_contact': {
        const exists =
          "EXISTS (SELECT 1 FROM member_identities i WHERE i.member_id = members.id AND i.type = 'wecom_external_userid')"
        if (op === 'is_null') return FALSE
        if (op === 'not_null') return TRUE
        const wanted = op === 'neq' ? !value : Boolean(value)
        return { sql: wanted ? exists : `NOT ${exists}`, bindings: [] }
      }
      case 'days_since_last_purchase':
        return daysSince(op, value)
    }
    const column: Record<string, string> = {
      points_balance: 'members.points_balance',
      lifetime_spend: 'members.lifetime_spend',
      spend_365d: 'members.spend_365d',
      order_count: 'members.order_count',
      first_purchase_at: 'members.first_purchase_at',
      last_purchase_at: 'members.last_purchase_at',
      created_at: 'members.created_at',
      birthday_month: 'MONTH(members.birthday)',
      gender: 'members.gender',
      register_channel: 'members.register_channel',
      owner_guide: 'members.owner_staff_id',
      marketing_consent: 'members.marketing_consent',
    }
    const convert = (v: Scalar) =>
      field.kind === 'instant' ? new Date(v as string) : field.kind === 'boolean' ? (v ? 1 : 0) : v
    return compare(column[attr], op, value, convert)
  }

  /** Tiers compare by their rank: "gte gold" is gold and above. */
  const tier = (op: Op, value?: Scalar | Scalar[]): Fragment => {
    const sub = (where: string, bindings: unknown[]) => ({
      sql: `members.tier_id IN (SELECT id FROM tiers WHERE ${where})`,
      bindings,
    })
    const rankOf = '(SELECT `rank` FROM tiers WHERE code = ?)'
    switch (op) {
      case 'eq':
        return sub('code = ?', [value])
      case 'neq':
        return sub('code <> ?', [value])
      case 'in':
        return sub(`code IN (${marks(value as Scalar[])})`, value as Scalar[])
      case 'not_in':
        return sub(`code NOT IN (${marks(value as Scalar[])})`, value as Scalar[])
      case 'gt':
        return sub(`\`rank\` > ${rankOf}`, [value])
      case 'gte':
        return sub(`\`rank\` >= ${rankOf}`, [value])
      case 'lt':
        return sub(`\`rank\` < ${rankOf}`, [value])
      case 'lte':
        return sub(`\`rank\` <= ${rankOf}`, [value])
      case 'between': {
        const [from, to] = value as Scalar[]
        return sub(`\`rank\` BETWEEN ${rankOf} AND ${rankOf}`, [from, to])
      }
      case 'is_null':
        return FALSE
      case 'not_null':
        return TRUE
    }
  }

  const storeCode = (op: Op, value?: Scalar | Scalar[]): Fragment => {
    const codes = Array.isArray(value) ? value : [value]
    const ids = `SELECT id FROM stores WHERE code IN (${marks(codes as Scalar[])})`
    switch (op) {
      case 'eq':
      case 'in':
        return { sql: `members.register_store_id IN (${ids})`, bindings: codes }
      case 'neq':
      case 'not_in':
        return { sql: `(members.register_store_id IS NOT NULL AND members.register_store_id NOT IN (${ids}))`, bindings: codes }
      case 'is_null':
        return { sql: 'members.register_store_id IS NULL', bindings: [] }
      default:
        return { sql: 'members.register_store_id IS NOT NULL', bindings: [] }
    }
  }

  /**
   * Whole 24 h periods since the last purchase still not returned; never bought is null and
   * fails every comparison. Compiled to a range on the purchase time, so the index serves it.
   * As of an earlier moment, members.last_purchase_at is still the answer for everyone whose
   * last purchase is not after that moment; only the others need their orders looked at.
   */
  const daysSince = (op: Op, value?: Scalar | Scalar[]): Fragment => {
    const stored: Fragment = { sql: 'members.last_purchase_at', bindings: [] }
    if (!asOf) return lastPurchase(stored, op, value)
    const ordered: Fragment = {
      sql: "(SELECT MAX(o.paid_at) FROM orders o WHERE o.member_id = members.id AND o.type = 'sale' AND o.refunded < o.paid AND o.paid_at <= ?)",
      bindings: [asOf],
    }
    const before = lastPurchase(stored, op, value)
    const after = lastPurchase(ordered, op, value)
    return {
      sql: `(((members.last_purchase_at IS NULL OR members.last_purchase_at <= ?) AND ${before.sql}) OR (members.last_purchase_at > ? AND ${after.sql}))`,
      bindings: [asOf, ...before.bindings, asOf, ...after.bindings],
    }
  }

  const lastPurchase = (last: Fragment, op: Op, value?: Scalar | Scalar[]): Fragment => {
    const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS)
    const atLeast = (n: number): Fragment => ({ sql: `${last.sql} <= ?`, bindings: [...last.bindings, daysAgo(Math.ceil(n))] })
    const atMost = (n: number): Fragment => ({ sql: `${last.sql} > ?`, bindings: [...last.bindings, daysAgo(Math.floor(n) + 1)] })
    const exactly = (n: number): Fragment => (Number.isInteger(n) ? join([atLeast(n), atMost(n)], 'AND', TRUE) : FALSE)
    const known = (f: Fragment): Fragment => ({ sql: `(${last.sql} IS NOT NULL AND ${f.sql})`, bindings: [...last.bindings, ...f.bindings] })
    const n = value as number
    switch (op) {
      case 'is_null':
        return { sql: `${last.sql} IS NULL`, bindings: last.bindings }
      case 'not_null':
        return { sql: `${last.sql} IS NOT NULL`, bindings: last.bindings }
      case 'gte':
        return known(atLeast(n))
      case 'gt':
        return known(atLeast(Math.floor(n) + 1))
      case 'lte':
        return known(atMost(n))
      case 'lt':
        return known(atMost(Math.ceil(n) - 1))
      case 'eq':
        return known(exactly(n))
      case 'neq':
        return known({ sql: `NOT (${exactly(n).sql})`, bindings: exactly(n).bindings })
      case 'between': {
        const [from, to] = value as number[]
        return known(join([atLeast(from), atMost(to)], 'AND', TRUE))
      }
      case 'in':
        return known(join((value as number[]).map(exactly), 'OR', FALSE))
      case 'not_in': {
        const any = join((value as number[]).map(exactly), 'OR', FALSE)
        return known({ sql: `NOT (${any.sql})`, bindings: any.bindings })
      }
    }
  }

  const windowOn = (column: string, withinDays?: number): Fragment => {
    if (withinDays) return { sql: `${column} > ? AND ${column} <= ?`, bindings: [new Date(now.getTime() - withinDays * DAY_MS), now] }
    return asOf ? { sql: `${column} <= ?`, bindings: [asOf] } : TRUE
  }

  const purchased = (f: Extract<Condition, { purchased: unknown }>['purchased']): Fragment => {
    const where: Fragment[] = [
      { sql: "l.kind = 'sale' AND l.member_id IS NOT NULL AND l.qty > l.returned_qty", bindings: [] },
      windowOn('l.paid_at', f.within_days),
    ]
    if (f.sku) where.push({ sql: `l.sku IN (${marks(f.sku)})`, bindings: f.sku })
    if (f.category) where.push({ sql: `l.category IN (${marks(f.category)})`, bindings: f.category })
    if (f.store) where.push({ sql: `l.store_id IN (SELECT id FROM stores WHERE code IN (${marks(f.store)}))`, bindings: f.store })
    if (f.channel) where.push({ sql: `l.channel IN (${marks(f.channel)})`, bindings: f.channel })
    if (f.weekdays) where.push({ sql: `l.local_weekday IN (${marks(f.weekdays)})`, bindings: f.weekdays })
    if (f.hours) where.push({ sql: 'l.local_hour >= ? AND l.local_hour < ?', bindings: f.hours })
    const having: { expression: string; count: Count }[] = []
    if (f.count) having.push({ expression: 'COUNT(*)', count: f.count })
    if (f.amount) having.push({ expression: 'SUM((l.qty - l.returned_qty) * l.unit_price)', count: f.amount })
    return grouped('order_lines l', 'l.member_id', join(where, 'AND', TRUE), having)
  }

  const event = (f: Extract<Condition, { event: unknown }>['event']): Fragment => {
    const where = join([{ sql: 'e.type = ?', bindings: [f.type] }, windowOn('e.occurred_at', f.within_days)], 'AND', TRUE)
    return grouped('member_events e', 'e.member_id', where, f.count ? [{ expression: 'COUNT(*)', count: f.count }] : [])
  }

  const coupon = (f: Extract<Condition, { coupon: unknown }>['coupon']): Fragment => {
    const where: Fragment[] = []
    if (f.template) where.push({ sql: 'c.template_id IN (SELECT id FROM coupon_templates WHERE code = ?)', bindings: [f.template] })
    if (f.status === 'issued') {
      where.push({ sql: "c.status = 'issued' AND (c.expires_at IS NULL OR c.expires_at > ?)", bindings: [now] })
      where.push(windowOn('c.issued_at', f.within_days))
    } else if (f.status === 'redeemed') {
      where.push({ sql: "c.status = 'redeemed'", bindings: [] })
      where.push(windowOn('c.redeemed_at', f.within_days))
    } else {
      where.push({ sql: "(c.status = 'expired' OR (c.status = 'issued' AND c.expires_at <= ?))", bindings: [now] })
      where.push(windowOn('c.expires_at', f.within_days))
    }
    return grouped('coupons c', 'c.member_id', join(where, 'AND', TRUE), [])
  }

  return node(condition)
}

/**
 * Members with rows in `from` matching `where`, whose aggregates satisfy `having`. When the
 * aggregates are satisfied by zero rows ("bought fewer than 2"), it is the members NOT among
 * those whose rows fail them, so members without any row are included.
 */
function grouped(from: string, memberColumn: string, where: Fragment, having: { expression: string; count: Count }[]): Fragment {
  if (having.length === 0) {
    return { sql: `members.id IN (SELECT ${memberColumn} FROM ${from} WHERE ${where.sql})`, bindings: where.bindings }
  }
  const predicate = join(
    having.map(({ expression, count }) => compare(expression, count.op, count.value)),
    'AND',
    TRUE
  )
  const zeroMatches = having.every(({ count }) => satisfiedByZero(count))
  const sub = `SELECT ${memberColumn} FROM ${from} WHERE ${where.sql} GROUP BY ${memberColumn}`
  return zeroMatches
    ? { sql: `members.id NOT IN (${sub} HAVING NOT (${predicate.sql}))`, bindings: [...where.bindings, ...predicate.bindings] }
    : { sql: `members.id IN (${sub} HAVING ${predicate.sql})`, bindings: [...where.bindings, ...predicate.bindings] }
}

function satisfiedByZero({ op, value }: Count) {
  const v = value as number
  switch (op) {
    case 'eq':
      return v === 0
    case 'neq':
      return v !== 0
    case 'gt':
      return 0 > v
    case 'gte':
      return 0 >= v
    case 'lt':
      return 0 < v
    case 'lte':
      return 0 <= v
    case 'between': {
      const [from, to] = value as [number, number]
      return from <= 0 && 0 <= to
    }
    default:
      return false
  }
}

/**
 * `expression op value`; a null expression fails every comparison (so `not` over it is true).
 */
function compare(expression: string, op: Op, value?: Scalar | Scalar[] | number[], convert: (v: Scalar) => unknown = (v) => v): Fragment {
  const values = Array.isArray(value) ? (value as Scalar[]).map(convert) : [convert(value as Scalar)]
  const known = (sql: string, bindings: unknown[]) => ({ sql: `(${expression} IS NOT NULL AND ${sql})`, bindings })
  switch (op) {
    case 'eq':
      return known(`${expression} = ?`, values)
    case 'neq':
      return known(`${expression} <> ?`, values)
    case 'gt':
      return known(`${expression} > ?`, values)
    case 'gte':
      return known(`${expression} >= ?`, values)
    case 'lt':
      return known(`${expression} < ?`, values)
    case 'lte':
      return known(`${expression} <= ?`, values)
    case 'between':
      return known(`${expression} BETWEEN ? AND ?`, values)
    case 'in':
      return known(`${expression} IN (${marks(values)})`, values)
    case 'not_in':
      return known(`${expression} NOT IN (${marks(values)})`, values)
    case 'is_null':
      return { sql: `${expression} IS NULL`, bindings: [] }
    case 'not_null':
      return { sql: `${expression} IS NOT NULL`, bindings: [] }
  }
}

function join(parts: Fragment[], operator: 'AND' | 'OR', empty: Fragment): Fragment {
  if (parts.length === 0) return empty
  if (parts.length === 1) return parts[0]
  return { sql: parts.map((p) => `(${p.sql})`).join(` ${operator} `), bindings: parts.flatMap((p) => p.bindings) }
}

function marks(values: unknown[]) {
  return values.map(() => '?').join(', ')
}
