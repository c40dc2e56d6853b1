import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import Member from '#models/member'
import Tier from '#models/tier'
import ComputeRfmJob from '#jobs/compute_rfm_job'
import { MemberStatus, RegisterChannel } from '#enums/loyalty'
import { resetState } from '#tests/helpers/database'
import { staffWithToken } from '#tests/helpers/auth'

let sequence = 0

/**
 * A member with the statistics orders would have left: days since the last purchase, order
 * count and net lifetime spend (null days: never purchased).
 */
async function memberWith(days: number | null, orders: number, spend: string, status = MemberStatus.Active) {
  const tier = await Tier.findByOrFail('code', 'member')
  const n = ++sequence
  const last = days === null ? null : DateTime.utc().minus({ days, hours: 1 })
  return Member.create({
    memberNo: `M${String(n).padStart(10, '0')}`,
    phone: `1380000${String(n).padStart(4, '0')}`,
    registerChannel: RegisterChannel.Pos,
    tierId: tier.id,
    tierSince: DateTime.utc(),
    referralCode: `RFM${n}`,
    status,
    orderCount: orders,
    lifetimeSpend: spend,
    firstPurchaseAt: last ? last.minus({ days: 30 }) : null,
    lastPurchaseAt: last,
  })
}

async function scores() {
  const rows = await db.from('members').orderBy('id').select('id', 'rfm_r', 'rfm_f', 'rfm_m', 'rfm_group')
  return new Map(rows.map((row) => [row.id, [row.rfm_r, row.rfm_f, row.rfm_m, row.rfm_group]]))
}

test.group('RFM', (group) => {
  group.each.setup(() => resetState())

  /**
   * Ten purchasers with distinct values, two per quintile in every dimension:
   *   recency (days): A 1, B 2 → R5; I 3, J 4 → R4; G 5, H 6 → R3; E 7, F 8 → R2; C 9, D 10 → R1
   *   orders:         B 1, D 2 → F1; E 3, H 4 → F2; G 5, J 6 → F3; F 7, I 8 → F4; A 9, C 10 → F5
   *   spend:          B 10, D 20 → M1; E 30, H 40 → M2; F 50, G 60 → M3; I 70, J 80 → M4; A 90, C 100 → M5
   */
  test('quintile scores over the members who purchased, and the group each falls in', async ({ assert }) => {
    const a = await memberWith(1, 9, '90.00')
    const b = await memberWith(2, 1, '10.00')
    const c = await memberWith(9, 10, '100.00')
    const d = await memberWith(10, 2, '20.00')
    const e = await memberWith(7, 3, '30.00')
    const f = await memberWith(8, 7, '50.00')
    const g = await memberWith(5, 5, '60.00')
    const h = await memberWith(6, 4, '40.00')
    const i = await memberWith(3, 8, '70.00')
    const j = await memberWith(4, 6, '80.00')
    const neverBought = await memberWith(null, 0, '0.00')
    const merged = await memberWith(1, 50, '9999.00', MemberStatus.Merged)

    await new ComputeRfmJob().handle()

    const result = await scores()
    assert.deepEqual(result.get(a.id), [5, 5, 5, 'champions'])
    assert.deepEqual(result.get(b.id), [5, 1, 1, 'new_customer'])
    assert.deepEqual(result.get(c.id), [1, 5, 5, 'cant_lose'])
    assert.deepEqual(result.get(d.id), [1, 1, 1, 'lost'])
    assert.deepEqual(result.get(e.id), [2, 2, 2, 'hibernating'])
    assert.deepEqual(result.get(f.id), [2, 4, 3, 'at_risk'])
    assert.deepEqual(result.get(g.id), [3, 3, 3, 'loyal'])
    assert.deepEqual(result.get(h.id), [3, 2, 2, 'potential'])
    assert.deepEqual(result.get(i.id), [4, 4, 4, 'champions'])
    assert.deepEqual(result.get(j.id), [4, 3, 4, 'loyal'])
    // Neither is ranked, and neither moved anyone else's quintile.
    assert.deepEqual(result.get(neverBought.id), [null, null, null, null])
    assert.deepEqual(result.get(merged.id), [null, null, null, null])

    // Nightly reruns on unchanged data change nothing.
    await new ComputeRfmJob().handle()
    assert.deepEqual(await scores(), result)
  })

  test('members with equal values share a score: one-order members are all F1', async ({ assert }) => {
    const once = [await memberWith(1, 1, '10.00'), await memberWith(2, 1, '20.00'), await memberWith(3, 1, '30.00')]
    const thrice = [await memberWith(4, 3, '40.00'), await memberWith(5, 3, '50.00')]

    await new ComputeRfmJob().handle()

    const result = await scores()
    assert.deepEqual(once.map((m) => result.get(m.id)![1]), [1, 1, 1])
    // Ranks 4 and 5 of 5 share rank 4: quintile 1 + ⌊5 × 3 / 5⌋ = 4.
    assert.deepEqual(thrice.map((m) => result.get(m.id)![1]), [4, 4])
  })

  test('a member whose purchases were all refunded loses their scores at the next run', async ({ assert }) => {
    const kept = await memberWith(3, 2, '50.00')
    const refunded = await memberWith(5, 1, '20.00')
    await new ComputeRfmJob().handle()
    assert.isNotNull((await scores()).get(refunded.id)![0])

    await Member.query().where('id', refunded.id).update({ order_count: 0, lifetime_spend: 0, last_purchase_at: null, first_purchase_at: null })
    await new ComputeRfmJob().handle()
    assert.deepEqual((await scores()).get(refunded.id), [null, null, null, null])
    assert.isNotNull((await scores()).get(kept.id)![0])
  })

  test('the segment condition {"rfm":{"r":[4,5]}} finds the recent purchasers once the job has run', async ({ client, assert }) => {
    const recent = [await memberWith(1, 1, '10.00'), await memberWith(2, 1, '10.00')]
    for (const days of [30, 60, 90]) await memberWith(days, 1, '10.00')
    await memberWith(null, 0, '0.00')
    const { token } = await staffWithToken('hq')
    const preview = async () => {
      const response = await client.post('/api/v1/segments/preview').bearerToken(token).json({ definition: { rfm: { r: [4, 5] } } })
      response.assertStatus(200)
      return response.body().members.map((m: { id: number }) => m.id).sort((x: number, y: number) => x - y)
    }

    assert.deepEqual(await preview(), [])
    await new ComputeRfmJob().handle()
    assert.deepEqual(await preview(), recent.map((m) => m.id).sort((x, y) => x - y))
  })
})
