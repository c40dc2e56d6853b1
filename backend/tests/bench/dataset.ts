import { createHash } from 'node:crypto'
import os from 'node:os'
import type { Pool, PoolConnection } from 'mysql2/promise'
import { Random } from '#database/demo/random'
import { products, regions, stores as brandStores, guidesAt, staffName } from '#database/demo/brand'
import { DEFAULT_TIERS } from '#database/reference_data'

/**
 * The benchmark dataset: `members` members with about 10 order lines each over the year before
 * AS_OF, behaviour events, tags, and stores and guides in proportion (one store per 5,000
 * members, at least the demo brand's 12). Deterministic by seed (the demo's mulberry32 and
 * brand catalogue); loaded with multi-row inserts; a marker row in `settings` names the scale
 * and seed loaded, so a second run at the same scale and seed loads nothing.
 *
 * Unlike the demo's year replay (ingest rules, coupons, tiers), rows are drawn directly: the
 * demo's fidelity costs minutes per 20,000 members, and the benchmarks need volume and the
 * shapes the yardstick segments look for, not the points ledger.
 */
export const DATASET_VERSION = 2
/** "Now" of the dataset and of every segment preview: Sunday 2026-11-01 12:00 in Shanghai. */
export const AS_OF = new Date('2026-11-01T04:00:00Z')
const MARKER = 'bench.dataset'
const DAY = 86_400_000
const HOUR = 3_600_000
/** Asia/Shanghai has no DST: local time is UTC+8 all year. */
const OFFSET = 8 * HOUR
const BATCH = 2000
/** Connections writing at once. */
const WRITERS = 3

export type Dataset = {
  members: number
  seed: number
  asOf: Date
  storeCodes: string[]
  hqEmail: string
  /** The phone of member `i` (1-based), as the POS would send it. */
  phone(i: number): string
  /** The member number of member `i`, in the shape the app gives (`M` and 10 digits). */
  memberNo(i: number): string
}

const HQ_EMAIL = 'hq@rapport.bench'
const pad = (n: number, width: number) => String(n).padStart(width, '0')
export const phoneOf = (i: number) => `17${pad(i, 9)}`
const memberNoOf = (i: number) => `M${pad(i, 10)}`

function describe(members: number, seed: number, storeCodes: string[]): Dataset {
  return { members, seed, asOf: AS_OF, storeCodes, hqEmail: HQ_EMAIL, phone: phoneOf, memberNo: memberNoOf }
}

export function storeCount(members: number) {
  return Math.max(brandStores.length, Math.ceil(members / 5000))
}

function storeCodes(members: number) {
  const codes = brandStores.map((s) => s.code)
  for (let i = codes.length + 1; i <= storeCount(members); i++) codes.push(`BS${pad(i, 5)}`)
  return codes
}

export async function ensureDataset(pool: Pool, members: number, seed: number, log: (line: string) => void): Promise<Dataset> {
  const wanted = { version: DATASET_VERSION, members, seed }
  const [rows] = await pool.query('SELECT value FROM settings WHERE `key` = ?', [MARKER])
  const marker = (rows as { value: unknown }[])[0]?.value
  const found = typeof marker === 'string' ? JSON.parse(marker) : marker
  if (found && found.version === wanted.version && found.members === members && found.seed === seed) {
    log(`▸ Dataset ${members} members, seed ${seed}: already loaded`)
    return describe(members, seed, storeCodes(members))
  }
  const started = Date.now()
  log(`▸ Loading dataset: ${members} members, seed ${seed}`)
  await growBufferPool(pool, members, log)
  const connections = await Promise.all(Array.from({ length: WRITERS }, () => pool.getConnection()))
  try {
    for (const connection of connections) await connection.query('SET FOREIGN_KEY_CHECKS = 0, UNIQUE_CHECKS = 0')
    const keys = await secondaryKeys(connections[0])
    await wipe(connections[0])
    await dropKeys(connections[0], keys)
    const loader = new Loader(connections)
    const rowCount = await generate(loader, members, seed, log)
    await loader.flushAll()
    log(`▸ Building indexes (${((Date.now() - started) / 1000).toFixed(0)} s so far)`)
    await restoreKeys(connections[0], keys)
    await pool.query('INSERT INTO settings (`key`, value, updated_at) VALUES (?, ?, ?)', [MARKER, JSON.stringify(wanted), new Date()])
    const seconds = (Date.now() - started) / 1000
    log(`▸ Loaded ${rowCount} rows in ${seconds.toFixed(1)} s (${Math.round(rowCount / seconds)} rows/s)`)
  } finally {
    for (const connection of connections) {
      await connection.query('SET FOREIGN_KEY_CHECKS = 1, UNIQUE_CHECKS = 1')
      connection.release()
    }
  }
  return describe(members, seed, storeCodes(members))
}

/**
 * MariaDB's default buffer pool (128 MB) holds a few thousand members' order lines: at scale
 * every insert and every segment scan would go to disk. The pool is resized online to about
 * 6 KB a member (the data and its indexes, about 4.5 KB), capped at half the machine's memory.
 */
async function growBufferPool(pool: Pool, members: number, log: (line: string) => void) {
  const [rows] = await pool.query('SELECT @@innodb_buffer_pool_size AS size')
  const current = Number((rows as { size: number | string }[])[0].size)
  const wanted = Math.min(members * 6 * 1024, os.totalmem() / 2)
  if (current >= wanted) return
  const size = Math.ceil(wanted / 2 ** 27) * 2 ** 27
  await pool.query(`SET GLOBAL innodb_buffer_pool_size = ${size}`)
  log(`▸ MariaDB buffer pool ${Math.round(current / 2 ** 20)} MB → ${Math.round(size / 2 ** 20)} MB`)
}

/** The big tables: loaded without their secondary indexes, which are built once at the end. */
const BULK_TABLES = ['members', 'member_identities', 'member_events', 'member_tags', 'orders', 'order_lines']
const KEYS_MARKER = 'bench.keys'
type Keys = Record<string, string[]>

/**
 * The big tables' keys and foreign keys as SHOW CREATE TABLE states them (`KEY …`,
 * `UNIQUE KEY …`, `CONSTRAINT …`). A load that stopped after dropping them left them in
 * `settings`: taken from there then.
 */
async function secondaryKeys(connection: PoolConnection): Promise<Keys> {
  const [saved] = await connection.query('SELECT value FROM settings WHERE `key` = ?', [KEYS_MARKER])
  const value = (saved as { value: unknown }[])[0]?.value
  if (value) return typeof value === 'string' ? JSON.parse(value) : (value as Keys)
  const keys: Keys = {}
  for (const table of BULK_TABLES) {
    const [rows] = await connection.query(`SHOW CREATE TABLE \`${table}\``)
    const ddl = (rows as Record<string, string>[])[0]['Create Table']
    keys[table] = ddl
      .split('\n')
      .map((line) => line.trim().replace(/,$/, ''))
      .filter((line) => /^(UNIQUE KEY|KEY|CONSTRAINT) /.test(line))
  }
  return keys
}

/** Inserting 20 million rows into a dozen B-trees each is slow; building them afterwards is not. */
async function dropKeys(connection: PoolConnection, keys: Keys) {
  await connection.query('INSERT INTO settings (`key`, value, updated_at) VALUES (?, ?, ?)', [KEYS_MARKER, JSON.stringify(keys), new Date()])
  for (const table of BULK_TABLES) {
    const [rows] = await connection.query(`SHOW CREATE TABLE \`${table}\``)
    const present = (rows as Record<string, string>[])[0]['Create Table']
    const name = (line: string) => line.match(/`([^`]+)`/)![1]
    const constraints = keys[table].filter((k) => k.startsWith('CONSTRAINT') && present.includes(`CONSTRAINT \`${name(k)}\``))
    const indexes = keys[table].filter((k) => !k.startsWith('CONSTRAINT') && present.includes(`KEY \`${name(k)}\``))
    if (constraints.length) await connection.query(`ALTER TABLE \`${table}\` ${constraints.map((k) => `DROP FOREIGN KEY \`${name(k)}\``).join(', ')}`)
    if (indexes.length) await connection.query(`ALTER TABLE \`${table}\` ${indexes.map((k) => `DROP INDEX \`${name(k)}\``).join(', ')}`)
  }
}

async function restoreKeys(connection: PoolConnection, keys: Keys) {
  for (const table of BULK_TABLES) {
    const indexes = keys[table].filter((k) => !k.startsWith('CONSTRAINT'))
    const constraints = keys[table].filter((k) => k.startsWith('CONSTRAINT'))
    if (indexes.length) await connection.query(`ALTER TABLE \`${table}\` ${indexes.map((k) => `ADD ${k}`).join(', ')}`)
    if (constraints.length) await connection.query(`ALTER TABLE \`${table}\` ${constraints.map((k) => `ADD ${k}`).join(', ')}`)
  }
  await connection.query('DELETE FROM settings WHERE `key` = ?', [KEYS_MARKER])
}

/** Empties every table but the migrations' (another scale or seed was loaded, or none). */
async function wipe(connection: PoolConnection) {
  const [rows] = await connection.query(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'adonis_schema%'`
  )
  for (const { name } of rows as { name: string }[]) await connection.query(`TRUNCATE TABLE \`${name}\``)
}

/**
 * Buffers rows per table and writes them as `INSERT … VALUES (…), (…)` of BATCH rows, on
 * WRITERS connections at once, so generating the next rows overlaps writing the last ones.
 */
class Loader {
  #buffers = new Map<string, { columns: string[]; rows: unknown[][] }>()
  #idle: PoolConnection[]
  #writes = new Set<Promise<void>>()
  rows = 0

  constructor(connections: PoolConnection[]) {
    this.#idle = [...connections]
  }

  async add(table: string, row: Record<string, unknown>) {
    let buffer = this.#buffers.get(table)
    if (!buffer) this.#buffers.set(table, (buffer = { columns: Object.keys(row), rows: [] }))
    buffer.rows.push(buffer.columns.map((c) => row[c]))
    this.rows++
    if (buffer.rows.length >= BATCH) await this.#flush(table, buffer)
  }

  async #flush(table: string, buffer: { columns: string[]; rows: unknown[][] }) {
    if (!buffer.rows.length) return
    const rows = buffer.rows
    buffer.rows = []
    while (!this.#idle.length) await Promise.race(this.#writes)
    const connection = this.#idle.pop()!
    const sql = `INSERT INTO \`${table}\` (${buffer.columns.map((c) => `\`${c}\``).join(', ')}) VALUES ?`
    const write: Promise<void> = insert(connection, sql, rows).then(() => {
      this.#writes.delete(write)
      this.#idle.push(connection)
    })
    this.#writes.add(write)
  }

  async flushAll() {
    for (const [table, buffer] of this.#buffers) await this.#flush(table, buffer)
    await Promise.all(this.#writes)
  }
}

/** Two batches into one table at once can deadlock on its auto-increment; the loser is retried. */
async function insert(connection: PoolConnection, sql: string, rows: unknown[][], attempt = 1): Promise<void> {
  try {
    await connection.query(sql, [rows])
  } catch (error) {
    if ((error as { code?: string }).code !== 'ER_LOCK_DEADLOCK' || attempt >= 5) throw error
    await insert(connection, sql, rows, attempt + 1)
  }
}

/** Local (Shanghai) weekday Mon=1 and hour of an instant, as IngestOrder writes them. */
function slotOf(ms: number) {
  const local = ms + OFFSET
  const day = Math.floor(local / DAY)
  return { weekday: ((day + 3) % 7) + 1, hour: Math.floor((local - day * DAY) / HOUR) }
}

type Persona = 'regular' | 'weekend_coffee' | 'lapsed' | 'ordinary'
const PERSONAS: Persona[] = ['regular', 'weekend_coffee', 'lapsed', 'ordinary']
const PERSONA_WEIGHTS = [10, 20, 25, 45]
const CHANNELS = ['pos', 'miniprogram', 'mall'] as const
const CHANNEL_WEIGHTS = [80, 15, 5]
const PRODUCT_WEIGHTS = products.map((p) => (p.category === 'coffee' ? 6 : p.category === 'bakery' ? 3 : p.category === 'set_meal' ? 2 : 1))
const coffee = products.filter((p) => p.category === 'coffee' && p.sku !== 'OSMANTHUS-LATTE')
const NEW_ITEM = products.find((p) => p.sku === 'OSMANTHUS-LATTE')!
const CITIES = ['上海', '北京', '广州', '深圳', '杭州', '南京', '天津', '成都', '武汉', '西安']
const EVENT_TYPES = ['app_open', 'page_view', 'coupon_view', 'store_visit']
const TAGS = ['coffee_lover', 'bakery_fan', 'morning_person', 'office_worker', 'student', 'parent', 'vip_care', 'wechat_active', 'sensitive_price', 'new_item_fan', 'weekend', 'delivery']

async function generate(loader: Loader, memberCount: number, seed: number, log: (line: string) => void) {
  const random = new Random(seed)
  const now = new Date()
  const asOf = AS_OF.getTime()
  const add = (table: string, row: Record<string, unknown>) => loader.add(table, row)

  for (const tier of DEFAULT_TIERS) await add('tiers', { ...tier, created_at: now, updated_at: now })
  for (const [i, region] of regions.entries()) await add('regions', { id: i + 1, ...region, created_at: now, updated_at: now })
  const codes = storeCodes(memberCount)
  const guides: { id: number; staffNo: string }[][] = []
  let staffId = 0
  await add('staff', { id: ++staffId, staff_no: null, name: '总部运营 Bench', email: HQ_EMAIL, password: '!', role: 'hq_operator', store_id: null, created_at: now, updated_at: now })
  for (const [s, code] of codes.entries()) {
    const brand = brandStores[s]
    const regionIndex = brand ? regions.findIndex((r) => r.code === brand.region) : s % regions.length
    await add('stores', { id: s + 1, code, name: brand?.name ?? `晨光 ${code}`, region_id: regionIndex + 1, city: brand?.city ?? CITIES[s % CITIES.length], status: 'open', created_at: now, updated_at: now })
    const here: { id: number; staffNo: string }[] = []
    for (let g = 1; g <= (brand ? guidesAt(code) : 3); g++) {
      const staffNo = `${code}-G${g}`
      here.push({ id: ++staffId, staffNo })
      await add('staff', { id: staffId, staff_no: staffNo, name: staffName(staffId), email: `guide.${code.toLowerCase()}.${g}@rapport.bench`, password: '!', role: 'guide', store_id: s + 1, created_at: now, updated_at: now })
    }
    guides.push(here)
  }
  await add('tag_groups', { id: 1, code: 'bench', name: 'Bench', created_at: now, updated_at: now })
  for (const [t, code] of TAGS.entries()) await add('tags', { id: t + 1, group_id: 1, code, name: code, created_at: now, updated_at: now })

  let orderId = 0
  let lineId = 0
  let eventId = 0
  for (let m = 1; m <= memberCount; m++) {
    if (m % 100_000 === 0) log(`  ${m} members`)
    const persona = PERSONAS[random.weighted(PERSONA_WEIGHTS)]
    const home = random.int(0, codes.length - 1)
    const enrolAt = asOf - random.int(366, 1500) * DAY - random.int(0, DAY - 1)
    const owner = random.chance(0.6) ? random.pick(guides[home]) : null

    // The member's orders: [paid_at, lines] drawn by persona, then written.
    const orders: { at: number; items: (typeof products)[number][] }[] = []
    const basket = () => Array.from({ length: random.int(1, 4) }, () => products[random.weighted(PRODUCT_WEIGHTS)])
    const within = (minDays: number, maxDays: number) => asOf - minDays * DAY - Math.floor(random.next() * (maxDays - minDays) * DAY)
    if (persona === 'regular') {
      const triedNew = random.chance(0.2)
      const visits = random.int(8, 12)
      for (let v = 0; v < visits; v++) orders.push({ at: within(0, 29), items: [v === 0 && triedNew ? NEW_ITEM : random.pick(coffee)] })
    } else if (persona === 'weekend_coffee') {
      for (let v = random.int(2, 5); v > 0; v--) {
        let day = Math.floor((asOf + OFFSET) / DAY) - random.int(1, 54)
        while ((day + 3) % 7 < 5) day--
        const at = day * DAY + random.int(7, 9) * HOUR + random.int(0, 59) * 60_000 - OFFSET
        orders.push({ at, items: [random.pick(coffee), ...(random.chance(0.5) ? [products[random.weighted(PRODUCT_WEIGHTS)]] : [])] })
      }
      for (let v = random.int(1, 3); v > 0; v--) orders.push({ at: within(0, 365), items: basket() })
    } else {
      const lapsed = persona === 'lapsed'
      for (let v = random.int(2, 6); v > 0; v--) orders.push({ at: within(lapsed ? 31 : 0, 365), items: basket() })
    }

    let spentCents = 0
    let first = Infinity
    let last = 0
    let points = 0
    for (const order of orders) {
      const id = ++orderId
      const store = random.chance(0.8) ? home : random.int(0, codes.length - 1)
      const channel = CHANNELS[random.weighted(CHANNEL_WEIGHTS)]
      const guide = channel === 'pos' && random.chance(0.5) ? random.pick(guides[store]) : null
      const paidAt = new Date(order.at)
      const { weekday, hour } = slotOf(order.at)
      let totalCents = 0
      for (const item of order.items) {
        const qty = random.chance(0.1) ? 2 : 1
        const unitCents = Math.round(Number(item.price) * 100)
        totalCents += unitCents * qty
        await add('order_lines', {
          id: ++lineId, order_id: id, kind: 'sale', member_id: m, store_id: store + 1, channel, paid_at: paidAt,
          sku: item.sku, name: item.name, category: item.category, qty, unit_price: item.price,
          amount: ((unitCents * qty) / 100).toFixed(2), returned_qty: 0, original_line_id: null,
          local_weekday: weekday, local_hour: hour,
        })
      }
      const paid = (totalCents / 100).toFixed(2)
      const earned = Math.floor(totalCents / 100)
      const orderNo = `G${pad(id, 10)}`
      await add('orders', {
        id, order_no: orderNo, type: 'sale', channel, store_id: store + 1, member_id: m, guide_id: guide?.id ?? null,
        guide_no: guide?.staffNo ?? null, original_order_id: null, total: paid, discount: '0.00', paid, refunded: '0.00',
        points_earned: earned, points_reversed: 0, paid_at: paidAt,
        body_hash: createHash('sha256').update(orderNo).digest('hex'), response: '{}', created_at: paidAt,
      })
      spentCents += totalCents
      points += earned
      first = Math.min(first, order.at)
      last = Math.max(last, order.at)
    }

    const memberNo = memberNoOf(m)
    const phone = phoneOf(m)
    const enrolled = new Date(enrolAt)
    await add('members', {
      id: m, member_no: memberNo, phone, name: staffName(m), gender: random.pick(['male', 'female', 'unknown']),
      birthday: new Date(Date.UTC(random.int(1960, 2005), random.int(0, 11), random.int(1, 28))),
      register_channel: random.pick(['pos', 'miniprogram', 'mall', 'wecom']), register_store_id: home + 1,
      owner_staff_id: owner?.id ?? null, tier_id: 1, tier_since: enrolled, points_balance: points,
      spend_365d: (spentCents / 100).toFixed(2), lifetime_spend: (spentCents / 100).toFixed(2), order_count: orders.length,
      first_purchase_at: new Date(first), last_purchase_at: new Date(last),
      marketing_consent: random.chance(0.7) ? 1 : 0, referral_code: `R${m.toString(36).toUpperCase().padStart(10, '0')}`,
      status: 'active', created_at: enrolled, updated_at: enrolled,
    })
    await add('member_identities', { member_id: m, type: 'phone', value: phone, created_at: enrolled })
    await add('member_identities', { member_id: m, type: 'member_no', value: memberNo, created_at: enrolled })
    for (let e = random.int(1, 5); e > 0; e--) {
      const at = new Date(within(0, 365))
      await add('member_events', { event_id: `bench-${++eventId}`, member_id: m, type: random.pick(EVENT_TYPES), occurred_at: at, props: null, integration_app_id: null, received_at: at })
    }
    const tagged = new Set<number>()
    for (let t = random.int(0, 3); t > 0; t--) tagged.add(random.int(1, TAGS.length))
    for (const tag of tagged) await add('member_tags', { member_id: m, tag_id: tag, source: 'import', source_ref: null, staff_id: null, created_at: enrolled })
  }
  return loader.rows
}
