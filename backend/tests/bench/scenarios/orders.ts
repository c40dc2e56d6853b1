import type { ChildProcess } from 'node:child_process'
import http from 'node:http'
import { createHash } from 'node:crypto'
import { signedHeaders } from '@rapport/pos'
import env from '#start/env'
import CreateIntegrationApp from '#actions/integrations/create_integration_app'
import { IntegrationScope } from '#enums/integration'
import { actor } from '#services/audit'
import type { BenchContext, Scenario } from '#tests/bench/harness'
import { startWeb, stopWeb } from '#tests/bench/web'

/**
 * Signed order ingestion over HTTP (POST /api/v1/integrations/orders, to web processes started
 * from source on their own ports, one unless --web-processes) vs the same shape of work in bare mysql2: lock the member,
 * insert the order and its lines, update the balance, in one transaction per order.
 *
 * Orders are dated 400 days before the dataset's "now": outside every segment window and
 * older than each member's last purchase, so the dataset's segment answers do not drift
 * between runs.
 */
const CONCURRENCY = 16
const ITEMS = [
  { sku: 'LATTE-M', name: '拿铁 (中杯)', category: 'coffee', qty: 1, unit_price: '28.00' },
  { sku: 'CROISSANT', name: '黄油可颂', category: 'bakery', qty: 2, unit_price: '16.00' },
  { sku: 'CHEESECAKE', name: '纽约芝士蛋糕', category: 'dessert', qty: 1, unit_price: '32.00' },
]
const TOTAL = '92.00'

type State = {
  context: BenchContext
  webs: ChildProcess[]
  agent: http.Agent
  ports: number[]
  keyId: string
  secret: string
  /** Distinguishes this run's order numbers from every earlier run's. */
  tag: string
  paidAt: Date
}

function body(state: State, prefix: string, i: number) {
  const { dataset } = state.context
  const member = 1 + ((i * 7919) % dataset.members)
  return {
    order_no: `BENCH-${prefix}-${state.tag}-${i}`,
    type: 'sale',
    channel: 'pos',
    store_code: dataset.storeCodes[i % dataset.storeCodes.length],
    member: { phone: dataset.phone(member) },
    items: ITEMS,
    total: TOTAL,
    discount: '0.00',
    paid: TOTAL,
    paid_at: state.paidAt.toISOString(),
  }
}

function post(state: State, i: number, path: string, raw: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port: state.ports[i % state.ports.length],
        path,
        method: 'POST',
        agent: state.agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(raw), ...signedHeaders(state.keyId, state.secret, raw) },
      },
      (response) => {
        let text = ''
        response.on('data', (chunk) => (text += chunk))
        response.on('end', () => (response.statusCode === 201 ? resolve(201) : reject(new Error(`order answered ${response.statusCode}: ${text.slice(0, 300)}`))))
      }
    )
    request.on('error', reject)
    request.end(raw)
  })
}

export const orderIngestion: Scenario<State> = {
  name: 'orders: signed ingest',
  describe: 'one signed POS sale (3 lines) over HTTP vs a bare mysql2 transaction (lock member, insert order + lines, update balance)',
  concurrency: CONCURRENCY,

  async setup(context) {
    const ports = Array.from({ length: context.options.webProcesses }, (_, n) => env.get('PORT') + n)
    const webs = await Promise.all(ports.map((port) => startWeb(context.log, port)))
    const { app: key, secret } = await createKey()
    return {
      context,
      webs,
      agent: new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY }),
      ports,
      keyId: key.keyId,
      secret,
      tag: Date.now().toString(36),
      paidAt: new Date(context.dataset.asOf.getTime() - 400 * 86_400_000),
    }
  },

  async run(state, i) {
    await post(state, i, '/api/v1/integrations/orders', JSON.stringify(body(state, 'R', i)))
  },

  async bare(state, i) {
    const order = body(state, 'B', i)
    const raw = JSON.stringify(order)
    const connection = await state.context.pool.getConnection()
    try {
      await connection.beginTransaction()
      const [members] = await connection.query(
        "SELECT m.id, m.points_balance FROM member_identities i JOIN members m ON m.id = i.member_id WHERE i.type = 'phone' AND i.value = ? FOR UPDATE",
        [order.member.phone]
      )
      const member = (members as { id: number }[])[0]
      const [stores] = await connection.query('SELECT id FROM stores WHERE code = ?', [order.store_code])
      const storeId = (stores as { id: number }[])[0].id
      const points = Math.floor(Number(TOTAL))
      const now = new Date()
      const [inserted] = await connection.query(
        `INSERT INTO orders (order_no, type, channel, store_id, member_id, total, discount, paid, refunded, points_earned, points_reversed, paid_at, body_hash, response, created_at)
         VALUES (?, 'sale', 'pos', ?, ?, ?, '0.00', ?, '0.00', ?, 0, ?, ?, ?, ?)`,
        [order.order_no, storeId, member.id, TOTAL, TOTAL, points, state.paidAt, createHash('sha256').update(raw).digest('hex'), '{}', now]
      )
      const orderId = (inserted as { insertId: number }).insertId
      await connection.query(
        `INSERT INTO order_lines (order_id, kind, member_id, store_id, channel, paid_at, sku, name, category, qty, unit_price, amount, returned_qty) VALUES ?`,
        [ITEMS.map((l) => [orderId, 'sale', member.id, storeId, 'pos', state.paidAt, l.sku, l.name, l.category, l.qty, l.unit_price, (Number(l.unit_price) * l.qty).toFixed(2), 0])]
      )
      await connection.query('UPDATE members SET points_balance = points_balance + ?, updated_at = ? WHERE id = ?', [points, now, member.id])
      await connection.commit()
    } catch (error) {
      await connection.rollback()
      throw error
    } finally {
      connection.release()
    }
  },

  async teardown(state) {
    state.agent.destroy()
    await Promise.all(state.webs.map(stopWeb))
  },
}

async function createKey() {
  return new CreateIntegrationApp().handle({ name: `Bench POS ${Date.now()}`, scopes: [IntegrationScope.Orders] }, actor.system('bench'))
}
