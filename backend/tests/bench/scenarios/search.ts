import type { ChildProcess } from 'node:child_process'
import http from 'node:http'
import { randomBytes } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import CreateStaff from '#actions/staff/create_staff'
import Staff from '#models/staff'
import { StaffRole } from '#enums/staff'
import { actor } from '#services/audit'
import type { BenchContext, Scenario } from '#tests/bench/harness'
import type { Dataset } from '#tests/bench/dataset'
import { startWeb, stopWeb } from '#tests/bench/web'

/**
 * The console's member search (GET /api/v1/members?q=) and the member page with its portrait
 * (GET /api/v1/members/:id), asked by HQ operators over HTTP of web processes started from
 * source (one unless --web-processes), for members spread over the whole dataset; vs the
 * hand-written SQL of the same answer on the bench pool: one lookup through the identities'
 * unique index for a search, the page's facts in parallel queries for the portrait. Before
 * timing, both answers are compared for a few members.
 *
 * The console allows 600 requests a minute per staff member: the load comes from OPERATORS HQ
 * operators (created once, their "bench" tokens renewed each run), as many people at once.
 */
const CONCURRENCY = 4
const OPERATORS = 64
const TOKEN_NAME = 'bench'
const operatorEmail = (n: number) => `search.${n}@rapport.bench`
/** Asia/Shanghai, the dataset's zone, has no DST: UTC+8 all year. */
const LOCAL = '+08:00'
const LOCAL_MS = 8 * 3_600_000

type State = {
  context: BenchContext
  webs: ChildProcess[]
  agent: http.Agent
  ports: number[]
  tokens: string[]
}

/** The member of operation `i`: a prime stride walks the whole dataset. */
const memberOf = (dataset: Dataset, i: number) => 1 + ((i * 7919) % dataset.members)

function get<T>(state: State, path: string, i: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port: state.ports[i % state.ports.length],
        path,
        agent: state.agent,
        headers: { accept: 'application/json', authorization: `Bearer ${state.tokens[i % state.tokens.length]}` },
      },
      (response) => {
        let text = ''
        response.setEncoding('utf8')
        response.on('data', (chunk) => (text += chunk))
        response.on('end', () => (response.statusCode === 200 ? resolve(JSON.parse(text)) : reject(new Error(`GET ${path} answered ${response.statusCode}: ${text.slice(0, 300)}`))))
      }
    )
    request.on('error', reject)
    request.end()
  })
}

/** The HQ operators the load comes from, each with a fresh token. */
async function operatorTokens() {
  const emails = Array.from({ length: OPERATORS }, (_, n) => operatorEmail(n + 1))
  const found = await Staff.query().whereIn('email', emails)
  const staff = [...found]
  for (const email of emails.filter((e) => !found.some((s) => s.email === e))) {
    const input = { name: `总部运营 ${email.split('@')[0]}`, email, password: randomBytes(24).toString('base64url'), role: StaffRole.HqOperator }
    staff.push(await new CreateStaff().handle(input, actor.system('bench')))
  }
  await db.from('auth_access_tokens').whereIn('tokenable_id', staff.map((s) => s.id)).where('name', TOKEN_NAME).delete()
  return Promise.all(staff.map(async (s) => (await Staff.accessTokens.create(s, ['*'], { name: TOKEN_NAME })).value!.release()))
}

async function setup(context: BenchContext): Promise<State> {
  const ports = Array.from({ length: context.options.webProcesses }, (_, n) => env.get('PORT') + n)
  const [tokens, webs] = await Promise.all([operatorTokens(), Promise.all(ports.map((port) => startWeb(context.log, port)))])
  return { context, webs, agent: new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY }), ports, tokens }
}

async function teardown(state: State) {
  state.agent.destroy()
  await Promise.all(state.webs.map(stopWeb))
}

/* ─── Search ─── */

type Found = { data: { id: number; member_no: string; phone: string; tier: string; points_balance: number; owner: { id: number } | null }[] }

type Bare = { id: number; member_no: string; phone: string; tier: string; points_balance: number; owner_id: number | null }

/**
 * The columns the search answers with (presentMember: the member, its tier, registering store
 * and owning guide), for active members holding the identity.
 */
const BARE_SEARCH = `
  SELECT m.id, m.member_no, m.name, m.phone, m.gender, m.birthday, t.code AS tier, t.name AS tier_name,
         m.points_balance, m.spend_365d, m.register_channel, s.id AS store_id, s.code AS store_code, s.name AS store_name,
         o.id AS owner_id, o.name AS owner_name, m.marketing_consent, m.consent_at, m.consent_channel,
         m.consent_store_id, m.consent_notice_version, m.referral_code, m.status, m.created_at
  FROM member_identities i
  JOIN members m ON m.id = i.member_id
  JOIN tiers t ON t.id = m.tier_id
  LEFT JOIN stores s ON s.id = m.register_store_id
  LEFT JOIN staff o ON o.id = m.owner_staff_id
  WHERE i.type = ? AND i.value = ? AND m.status = 'active'`

type Lookup = { name: string; identity: 'phone' | 'member_no'; of: (dataset: Dataset, member: number) => string }

/** The console reads `M` and digits as a member number, 11 digits as a phone. */
const LOOKUPS: Lookup[] = [
  { name: 'by phone', identity: 'phone', of: (dataset, member) => dataset.phone(member) },
  { name: 'by member number', identity: 'member_no', of: (dataset, member) => dataset.memberNo(member) },
]

function searchScenario(lookup: Lookup): Scenario<State> {
  const search = (state: State, q: string, i: number) => get<Found>(state, `/api/v1/members?q=${encodeURIComponent(q)}`, i)
  const bare = async (state: State, q: string) => {
    const [rows] = await state.context.pool.query(BARE_SEARCH, [lookup.identity, q])
    return rows as Bare[]
  }
  const one = <T>(rows: T[], q: string, who: string) => {
    if (rows.length !== 1) throw new Error(`${who} found ${rows.length} members for ${q}, not 1`)
    return rows[0]
  }
  const key = (m: Bare | Found['data'][number]) =>
    JSON.stringify([m.id, m.member_no, m.phone, m.tier, m.points_balance, 'owner' in m ? (m.owner?.id ?? null) : m.owner_id])
  const qOf = (state: State, i: number) => lookup.of(state.context.dataset, memberOf(state.context.dataset, i))

  return {
    name: `search: ${lookup.name}`,
    describe: `the console's member search ${lookup.name} (first page of 20) over HTTP vs one SQL lookup through member_identities`,
    concurrency: CONCURRENCY,
    setup,
    teardown,

    async verify(state) {
      const checked = [0, 1, 2, 3, 4]
      for (const i of checked) {
        const q = qOf(state, i)
        const [a, b] = [one((await search(state, q, i)).data, q, 'the console'), one(await bare(state, q), q, 'the bare lookup')]
        if (key(a) !== key(b)) throw new Error(`${q}: the console answered ${key(a)}, the bare lookup ${key(b)}`)
      }
      return `${checked.length} members, equal`
    },

    async run(state, i) {
      const q = qOf(state, i)
      one((await search(state, q, i)).data, q, 'the console')
    },

    async bare(state, i) {
      const q = qOf(state, i)
      one(await bare(state, q), q, 'the bare lookup')
    },
  }
}

/* ─── Portrait ─── */

type Page = {
  id: number
  member_no: string
  tier: string
  points_balance: number
  usable_coupons: number
  tier_history: unknown[]
  portrait: {
    lifetime_value: { order_count: number; lifetime_spend: string }
    spend_by_month: { month: string; net: string }[]
    tags: { code: string }[]
    coupons: { usable: number; redeemed: number; expired: number }
  }
}

type Facts = {
  member: { id: number; member_no: string; tier: string; points_balance: number; order_count: number; lifetime_spend: string }
  months: { month: string; net: string }[]
  tags: { code: string }[]
  coupons: { issued: number; usable: number; redeemed: number; expired: number }
  history: unknown[]
}

/**
 * The member page's facts by hand, in parallel: the member with tier, stores, owner and
 * favourite product; the tiers (for progress); coupons counted by state; the last 20 tier
 * changes; the preferences shown (with their stores); net spend by local month; tags.
 */
async function bareFacts(state: State, memberId: number): Promise<Facts> {
  const { pool } = state.context
  const now = new Date()
  // The first of the 12 local months the page shows, this one included.
  const local = new Date(now.getTime() + LOCAL_MS)
  const firstMonth = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - 11, 1) - LOCAL_MS)
  const [[member], , [coupons], [history], , [months], [tags]] = await Promise.all([
    pool.query(
      `SELECT m.*, t.code AS tier, t.name AS tier_name, s.code AS store_code, s.name AS store_name, o.name AS owner_name,
              p.name AS favorite_product, fs.code AS favorite_store_code, fs.name AS favorite_store_name
       FROM members m
       JOIN tiers t ON t.id = m.tier_id
       LEFT JOIN stores s ON s.id = m.register_store_id
       LEFT JOIN staff o ON o.id = m.owner_staff_id
       LEFT JOIN products p ON p.sku = m.favorite_sku
       LEFT JOIN stores fs ON fs.id = m.favorite_store_id
       WHERE m.id = ?`,
      [memberId]
    ),
    pool.query('SELECT id, code, name, threshold, `rank` FROM tiers ORDER BY `rank`'),
    pool.query(
      `SELECT COALESCE(SUM(status = 'issued'), 0) AS issued,
              COALESCE(SUM(status = 'issued' AND (expires_at IS NULL OR expires_at > ?) AND (valid_from IS NULL OR valid_from <= ?)), 0) AS usable,
              COALESCE(SUM(status = 'redeemed'), 0) AS redeemed,
              COALESCE(SUM(status = 'expired' OR (status = 'issued' AND expires_at <= ?)), 0) AS expired
       FROM coupons WHERE member_id = ?`,
      [now, now, now, memberId]
    ),
    pool.query('SELECT from_tier_id, to_tier_id, reason, created_at FROM tier_changes WHERE member_id = ? ORDER BY id DESC LIMIT 20', [memberId]),
    pool.query(
      `SELECT p.dimension, p.value, p.quantity, p.amount, s.code, s.name
       FROM member_preferences p LEFT JOIN stores s ON p.dimension = 'store' AND s.id = p.value
       WHERE p.member_id = ? AND p.dimension IN ('category', 'store', 'channel', 'slot') AND p.quantity > 0`,
      [memberId]
    ),
    pool.query(
      `SELECT DATE_FORMAT(CONVERT_TZ(paid_at, '+00:00', '${LOCAL}'), '%Y-%m') AS month,
              SUM(IF(type = 'sale', paid, -paid)) AS net
       FROM orders WHERE member_id = ? AND paid_at >= ? GROUP BY month ORDER BY month`,
      [memberId, firstMonth]
    ),
    pool.query(
      'SELECT t.code, t.name, mt.source, mt.created_at FROM member_tags mt JOIN tags t ON t.id = mt.tag_id WHERE mt.member_id = ? ORDER BY mt.created_at',
      [memberId]
    ),
  ])
  const counts = (coupons as Record<keyof Facts['coupons'], string | number>[])[0]
  return {
    member: (member as Facts['member'][])[0],
    months: months as Facts['months'],
    tags: tags as Facts['tags'],
    coupons: { issued: Number(counts.issued), usable: Number(counts.usable), redeemed: Number(counts.redeemed), expired: Number(counts.expired) },
    history: history as unknown[],
  }
}

/** What both answers must agree on: who, tier, points, lifetime value, months with spend, tags, coupons, tier changes. */
function portraitKey(page: Page) {
  const { portrait } = page
  return JSON.stringify({
    member: [page.id, page.member_no, page.tier, page.points_balance, portrait.lifetime_value.order_count, portrait.lifetime_value.lifetime_spend],
    months: portrait.spend_by_month.filter((m) => Number(m.net) !== 0).map((m) => [m.month, m.net]),
    tags: portrait.tags.map((t) => t.code).sort(),
    coupons: [page.usable_coupons, portrait.coupons.usable, portrait.coupons.redeemed, portrait.coupons.expired],
    history: page.tier_history.length,
  })
}

function factsKey(facts: Facts) {
  const { member, coupons } = facts
  return JSON.stringify({
    member: [member.id, member.member_no, member.tier, member.points_balance, member.order_count, Number(member.lifetime_spend).toFixed(2)],
    months: facts.months.filter((m) => Number(m.net) !== 0).map((m) => [m.month, Number(m.net).toFixed(2)]),
    tags: facts.tags.map((t) => t.code).sort(),
    coupons: [coupons.issued, coupons.usable, coupons.redeemed, coupons.expired],
    history: facts.history.length,
  })
}

const portraitScenario: Scenario<State> = {
  name: 'portrait: member page',
  describe: 'the member page with its portrait (GET /api/v1/members/:id) over HTTP vs its facts in 7 parallel SQL queries',
  concurrency: CONCURRENCY,
  setup,
  teardown,

  async verify(state) {
    const checked = [0, 1, 2, 3, 4]
    for (const i of checked) {
      const id = memberOf(state.context.dataset, i)
      const [page, facts] = await Promise.all([get<Page>(state, `/api/v1/members/${id}`, i), bareFacts(state, id)])
      if (portraitKey(page) !== factsKey(facts)) throw new Error(`member ${id}: the page says ${portraitKey(page)}, the bare queries ${factsKey(facts)}`)
    }
    return `${checked.length} members, equal`
  },

  async run(state, i) {
    await get<Page>(state, `/api/v1/members/${memberOf(state.context.dataset, i)}`, i)
  },

  async bare(state, i) {
    await bareFacts(state, memberOf(state.context.dataset, i))
  },
}

export const memberLookups: Scenario[] = [...LOOKUPS.map(searchScenario), portraitScenario]
