import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import ExpirePointsJob from '#jobs/expire_points_job'
import { resetState } from '#tests/helpers/database'
import { staffWithToken } from '#tests/helpers/auth'
import { pos, postOrder, sale } from '#tests/helpers/loyalty'

/** A small deterministic PRNG, so a failure can be replayed with its seed. */
function mulberry32(seed: number) {
  return () => {
    seed |= 0
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

test.group('Points ledger (property)', (group) => {
  group.each.setup(() => resetState())

  test('500 random earns, returns, exchanges, redemptions, adjustments and expiries keep balance = sum of entries', async ({
    client,
    assert,
  }) => {
    const seed = 20261123
    const random = mulberry32(seed)
    const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]
    const till = await pos()
    const admin = await staffWithToken('admin')
    const phones = ['13800000001', '13800000002', '13800000003']
    const template = (
      await client.post('/api/v1/coupon-templates').bearerToken(admin.token).json({ name: 'swap', kind: 'gift', value: '0', points_cost: 150 })
    ).body()
    const sales: { order_no: string; phone: string; qty: number; price: number; returned: number }[] = []
    let statuses: Record<number, number> = {}

    for (let step = 0; step < 500; step++) {
      const roll = random()
      let status: number
      if (roll < 0.4 || sales.length === 0) {
        const phone = pick(phones)
        const qty = 1 + Math.floor(random() * 4)
        const price = 5 + Math.floor(random() * 400)
        const body = sale((qty * price).toFixed(2), {
          member: { phone },
          store_code: pick(['SH001', 'BJ001']),
          items: [{ sku: 'SKU', name: 'Item', category: 'c', qty, unit_price: price.toFixed(2) }],
        })
        status = (await postOrder(client, till, body)).status()
        sales.push({ order_no: body.order_no, phone, qty, price, returned: 0 })
      } else if (roll < 0.65) {
        // A return (some too large: refused with nothing changed), possibly followed by a sale: an exchange.
        const original = pick(sales)
        const qty = 1 + Math.floor(random() * 3)
        status = (
          await postOrder(client, till, {
            ...sale((qty * original.price).toFixed(2)),
            type: 'return',
            store_code: pick(['SH001', 'BJ001']),
            channel: pick(['pos', 'mall']),
            original_order_no: original.order_no,
            items: [{ sku: 'SKU', name: 'Item', category: 'c', qty, unit_price: original.price.toFixed(2) }],
          })
        ).status()
        if (status === 201) original.returned += qty
        if (status === 201 && random() < 0.5) {
          await postOrder(client, till, sale('42.00', { member: { phone: original.phone } }))
        }
      } else if (roll < 0.8) {
        const member = await db.from('members').where('phone', pick(phones)).first()
        if (!member) continue
        status = (
          await client.post(`/api/v1/members/${member.id}/points/exchange`).bearerToken(admin.token).json({ template_id: template.id })
        ).status()
      } else if (roll < 0.9) {
        const member = await db.from('members').where('phone', pick(phones)).first()
        if (!member) continue
        const points = Math.floor(random() * 200) - 100 || 1
        status = (
          await client.post(`/api/v1/members/${member.id}/points/adjust`).bearerToken(admin.token).json({ points, reason: 'property test' })
        ).status()
      } else {
        // Time passes: some credits reach their expiry, and the daily job runs.
        await db
          .from('points_entries')
          .where('kind', 'earn')
          .where('expires_at', '>', new Date())
          .orderByRaw('RAND(?)', [step])
          .limit(2)
          .update({ expires_at: DateTime.utc().minus({ minutes: step }).toJSDate() })
        await new ExpirePointsJob().handle()
        status = 0
      }
      statuses[status] = (statuses[status] ?? 0) + 1
      assert.notProperty(statuses, '500', `a 500 at step ${step} (seed ${seed})`)
    }

    const [mismatches] = await db.rawQuery(`
      SELECT m.id FROM members m
      LEFT JOIN (SELECT member_id, SUM(points) AS total FROM points_entries GROUP BY member_id) s ON s.member_id = m.id
      WHERE m.points_balance <> COALESCE(s.total, 0)`)
    assert.lengthOf(mismatches, 0, `balances differ from their ledgers (seed ${seed})`)

    const ace = await app.container.make('ace')
    const verify = await ace.exec('points:verify', [])
    assert.equal(verify.exitCode, 0)
    // The run exercised every path: accepted and refused operations alike.
    assert.isAbove(statuses[201] ?? 0, 100)
    assert.isAbove((statuses[409] ?? 0) + (statuses[422] ?? 0), 0)
  }).timeout(120_000)
})
