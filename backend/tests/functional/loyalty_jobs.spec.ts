import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import Member from '#models/member'
import EvaluateTiersJob from '#jobs/evaluate_tiers_job'
import ExpirePointsJob from '#jobs/expire_points_job'
import ExpireCouponsJob from '#jobs/expire_coupons_job'
import BirthdayCouponsJob from '#jobs/birthday_coupons_job'
import { resetState } from '#tests/helpers/database'
import { staffWithToken } from '#tests/helpers/auth'
import { count, ledgerSum, memberByPhone, pos, postOrder, sale, type Pos } from '#tests/helpers/loyalty'
import { timezone } from '#config/app'

test.group('Daily loyalty jobs', (group) => {
  let till: Pos
  group.each.setup(async () => {
    await resetState()
    till = await pos()
  })

  test('the daily evaluation downgrades a member whose 365-day spend fell, once', async ({ client, assert }) => {
    const order = sale('2500.00')
    await postOrder(client, till, order)
    assert.equal((await memberByPhone()).tier.code, 'gold')

    // A year and a month later the purchase has left the window.
    await db.from('orders').where('order_no', order.order_no).update({ paid_at: DateTime.utc().minus({ days: 400 }).toJSDate() })
    await new EvaluateTiersJob().handle()
    await new EvaluateTiersJob().handle()

    const member = await memberByPhone()
    assert.equal(member.tier.code, 'member')
    assert.equal(Number(member.spend365d), 0)
    assert.equal(await count('tier_changes', { member_id: member.id, reason: 'evaluation' }), 1)
  })

  test('the evaluation never upgrades past what orders earned, and leaves a matching tier alone', async ({ client, assert }) => {
    await postOrder(client, till, sale('500.00'))
    await new EvaluateTiersJob().handle()
    assert.equal((await memberByPhone()).tier.code, 'member')
    assert.equal(await count('tier_changes', { reason: 'evaluation' }), 0)
  })

  test('points past their expiry expire, except what later credits still cover; a second run changes nothing', async ({
    client,
    assert,
  }) => {
    const old = sale('100.00')
    await postOrder(client, till, old)
    await postOrder(client, till, sale('50.00'))
    const member = await memberByPhone()
    const admin = await staffWithToken('admin')
    await client.post(`/api/v1/members/${member.id}/points/adjust`).bearerToken(admin.token).json({ points: -30, reason: 'spent at the counter' })
    // The first purchase's points expired yesterday.
    await db
      .from('points_entries')
      .where('source_ref', 'like', 'order:%:earn')
      .where('points', 100)
      .update({ expires_at: DateTime.utc().minus({ days: 1 }).toJSDate() })

    await new ExpirePointsJob().handle()
    await new ExpirePointsJob().handle()

    const after = await memberByPhone()
    assert.equal(after.pointsBalance, 50) // 120 − (120 − 50 still valid)
    assert.equal(await ledgerSum(member.id), 50)
    assert.equal(await count('points_entries', { kind: 'expire' }), 1)
  })

  test('expired coupons are marked expired', async ({ client, assert }) => {
    await postOrder(client, till, sale('10.00'))
    const member = await memberByPhone()
    const hq = await staffWithToken('hq')
    const t = (await client.post('/api/v1/coupon-templates').bearerToken(hq.token).json({ name: 'x', kind: 'gift', value: '0', valid_days: 1 })).body()
    await client.post(`/api/v1/coupon-templates/${t.id}/issue`).bearerToken(hq.token).json({ member_ids: [member.id] })
    await db.from('coupons').update({ expires_at: DateTime.utc().minus({ minutes: 1 }).toJSDate() })
    await new ExpireCouponsJob().handle()
    assert.equal(await count('coupons', { status: 'expired' }), 1)
  })

  test('members get the birthday coupon once in their birthday month', async ({ client, assert }) => {
    await postOrder(client, till, sale('10.00', { member: { phone: '13800000001' } }))
    await postOrder(client, till, sale('10.00', { member: { phone: '13800000002' } }))
    const thisMonth = DateTime.utc().setZone(timezone)
    await Member.query().where('phone', '13800000001').update({ birthday: thisMonth.set({ year: 1990, day: 1 }).toISODate() })
    await Member.query().where('phone', '13800000002').update({ birthday: thisMonth.plus({ months: 1 }).set({ year: 1990, day: 1 }).toISODate() })
    const hq = await staffWithToken('hq')
    await client
      .post('/api/v1/coupon-templates')
      .bearerToken(hq.token)
      .json({ code: 'BIRTHDAY', name: '生日礼', kind: 'gift', value: '0', valid_days: 30 })

    await new BirthdayCouponsJob().handle()
    await new BirthdayCouponsJob().handle()

    const celebrant = await memberByPhone('13800000001')
    assert.equal(await count('coupons'), 1)
    assert.equal(await count('coupons', { member_id: celebrant.id, source: 'birthday' }), 1)
  })
})
