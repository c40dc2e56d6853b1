import { test } from '@japa/runner'
import Member from '#models/member'
import AuditLog from '#models/audit_log'
import { resetState } from '#tests/helpers/database'
import { staffWithToken } from '#tests/helpers/auth'
import { count, ledgerSum, memberByPhone, pos, postOrder, sale, type Pos } from '#tests/helpers/loyalty'

test.group('Members in the console', (group) => {
  let till: Pos
  group.each.setup(async () => {
    await resetState()
    till = await pos()
  })

  test('a guide sees only the members they own, with phones masked; another guide\'s member is 404', async ({
    client,
    assert,
  }) => {
    await postOrder(client, till, sale('10.00', { member: { phone: '13800000001' } }))
    await postOrder(client, till, sale('10.00', { member: { phone: '13800000002' } }))
    const mine = await memberByPhone('13800000001')
    const theirs = await memberByPhone('13800000002')
    const me = await staffWithToken('guide', { store: till.stores.sh })
    const other = await staffWithToken('guide', { store: till.stores.sh })
    await Member.query().where('id', mine.id).update({ owner_staff_id: me.staff.id })
    await Member.query().where('id', theirs.id).update({ owner_staff_id: other.staff.id })

    const list = await client.get('/api/v1/members').bearerToken(me.token)
    list.assertStatus(200)
    assert.deepEqual(list.body().meta.total, 1)
    assert.equal(list.body().data[0].id, mine.id)
    assert.equal(list.body().data[0].phone, '138****0001')

    ;(await client.get(`/api/v1/members/${mine.id}`).bearerToken(me.token)).assertStatus(200)
    ;(await client.get(`/api/v1/members/${theirs.id}`).bearerToken(me.token)).assertStatus(404)
    ;(await client.get(`/api/v1/members/${theirs.id}/orders`).bearerToken(me.token)).assertStatus(404)
    ;(await client.get(`/api/v1/members/${theirs.id}/points`).bearerToken(me.token)).assertStatus(404)
  })

  test('a store manager sees members of their store in full; search finds by phone, member number and name', async ({
    client,
    assert,
  }) => {
    await postOrder(client, till, sale('10.00', { member: { phone: '13800000001' } }))
    await postOrder(client, till, sale('10.00', { member: { phone: '13800000002' }, store_code: 'BJ001' }))
    const sh = await memberByPhone('13800000001')
    await Member.query().where('id', sh.id).update({ name: '王静' })
    const manager = await staffWithToken('manager', { store: till.stores.sh })

    const list = await client.get('/api/v1/members').bearerToken(manager.token)
    assert.deepEqual(list.body().data.map((m: { id: number }) => m.id), [sh.id])
    assert.equal(list.body().data[0].phone, '13800000001')

    const hq = await staffWithToken('hq')
    for (const q of ['13800000001', sh.memberNo, '王']) {
      const found = await client.get('/api/v1/members').qs({ q }).bearerToken(hq.token)
      assert.deepEqual(found.body().data.map((m: { id: number }) => m.id), [sh.id], q)
    }
  })

  test('the member page shows tier progress, orders with lines and the points ledger', async ({ client, assert }) => {
    const order = sale('2100.00')
    await postOrder(client, till, order)
    const member = await memberByPhone()
    const hq = await staffWithToken('hq')

    const page = await client.get(`/api/v1/members/${member.id}`).bearerToken(hq.token)
    page.assertBodyContains({ tier: 'gold', points_balance: 2100, tier_progress: { next_tier: 'platinum', spend_to_next_tier: '5900.00' } })
    assert.deepEqual(
      page.body().tier_history.map((c: { from: string; to: string; reason: string }) => [c.from, c.to, c.reason]),
      [['member', 'gold', 'order'], [null, 'member', 'enrol']]
    )
    const orders = await client.get(`/api/v1/members/${member.id}/orders`).bearerToken(hq.token)
    assert.equal(orders.body().data[0].order_no, order.order_no)
    assert.equal(orders.body().data[0].lines[0].sku, 'LATTE-M')
    const ledger = await client.get(`/api/v1/members/${member.id}/points`).bearerToken(hq.token)
    assert.deepEqual(
      ledger.body().data.map((e: { kind: string; points: number; balance_after: number }) => [e.kind, e.points, e.balance_after]),
      [['earn', 2100, 2100]]
    )
  })

  test('the owning guide is set by HQ, or by a store manager for a guide of their store only', async ({ client, assert }) => {
    await postOrder(client, till, sale('10.00'))
    const member = await memberByPhone()
    const guide = await staffWithToken('guide', { store: till.stores.sh })
    const bjGuide = await staffWithToken('guide', { store: till.stores.bj })
    const manager = await staffWithToken('manager', { store: till.stores.sh })

    const set = await client.put(`/api/v1/members/${member.id}/owner`).bearerToken(manager.token).json({ staff_id: guide.staff.id })
    set.assertStatus(200)
    set.assertBodyContains({ owner: { id: guide.staff.id } })
    ;(await client.put(`/api/v1/members/${member.id}/owner`).bearerToken(manager.token).json({ staff_id: bjGuide.staff.id })).assertStatus(403)
    ;(await client.put(`/api/v1/members/${member.id}/owner`).bearerToken(guide.token).json({ staff_id: guide.staff.id })).assertStatus(403)
    assert.equal((await memberByPhone()).ownerStaffId, guide.staff.id)
  })

  test('an admin adjusts points with a reason; others may not', async ({ client, assert }) => {
    await postOrder(client, till, sale('10.00'))
    const member = await memberByPhone()
    const admin = await staffWithToken('admin')
    const hq = await staffWithToken('hq')
    ;(await client.post(`/api/v1/members/${member.id}/points/adjust`).bearerToken(hq.token).json({ points: 5, reason: 'goodwill' })).assertStatus(403)
    ;(await client.post(`/api/v1/members/${member.id}/points/adjust`).bearerToken(admin.token).json({ points: 5 })).assertStatus(422)
    const adjusted = await client.post(`/api/v1/members/${member.id}/points/adjust`).bearerToken(admin.token).json({ points: -25, reason: 'goodwill reversal' })
    adjusted.assertStatus(201)
    assert.equal(adjusted.body().points_balance, -15)
    assert.equal(await ledgerSum(member.id), -15)
    assert.isNotNull(await AuditLog.findBy('action', 'points.adjust'))
  })

  test('a merge keeps every order, point and coupon exactly once and recomputes the tier', async ({ client, assert }) => {
    await postOrder(client, till, sale('1500.00', { member: { phone: '13800000001' } }))
    await postOrder(client, till, sale('600.00', { member: { phone: '13900000002' } }))
    const survivor = await memberByPhone('13800000001')
    const duplicate = await memberByPhone('13900000002')
    const admin = await staffWithToken('admin')
    const t = await client.post('/api/v1/coupon-templates').bearerToken(admin.token).json({ name: 'gift', kind: 'gift', value: '0' })
    await client.post(`/api/v1/coupon-templates/${t.body().id}/issue`).bearerToken(admin.token).json({ member_ids: [duplicate.id] })

    const response = await client.post('/api/v1/members/merge').bearerToken(admin.token).json({ survivor_id: survivor.id, merged_id: duplicate.id })
    response.assertStatus(200)
    assert.equal(response.body().tier, 'gold') // 1500 + 600 crosses 2000
    assert.equal(response.body().points_balance, 2100)

    assert.equal(await count('orders', { member_id: survivor.id }), 2)
    assert.equal(await count('orders', { member_id: duplicate.id }), 0)
    assert.equal(await count('coupons', { member_id: survivor.id }), 1)
    assert.equal(await ledgerSum(survivor.id), 2100)
    assert.equal(await ledgerSum(duplicate.id), 0)
    const merged = await memberByPhone('13800000001')
    assert.equal(merged.orderCount, 2)
    assert.equal(Number(merged.lifetimeSpend), 2100)
    // The duplicate's phone now finds the survivor at the till.
    const again = await postOrder(client, till, sale('10.00', { member: { phone: '13900000002' } }))
    assert.equal(again.body().member_id, survivor.id)

    ;(await client.post('/api/v1/members/merge').bearerToken(admin.token).json({ survivor_id: survivor.id, merged_id: duplicate.id })).assertStatus(409)
    const hq = await staffWithToken('hq')
    ;(await client.post('/api/v1/members/merge').bearerToken(hq.token).json({ survivor_id: survivor.id, merged_id: duplicate.id })).assertStatus(403)
  })

  test('a referred member\'s first paid order rewards both sides once', async ({ client, assert }) => {
    await postOrder(client, till, sale('10.00', { member: { phone: '13800000001' } }))
    const referrer = await memberByPhone('13800000001')
    await postOrder(client, till, sale('20.00', { member: { phone: '13800000002', referral_code: referrer.referralCode } }))
    await postOrder(client, till, sale('20.00', { member: { phone: '13800000002' } }))
    const referee = await memberByPhone('13800000002')
    assert.equal(referee.referredById, referrer.id)
    assert.equal(referee.pointsBalance, 40 + 200)
    assert.equal((await memberByPhone('13800000001')).pointsBalance, 10 + 200)
    assert.equal(await count('points_entries', { kind: 'referral' }), 2)
  })

  test('marketing consent is recorded with when, where and the notice version; a bad birthday is a 422', async ({ client, assert }) => {
    await postOrder(client, till, sale('10.00'))
    const member = await memberByPhone()
    const guide = await staffWithToken('guide', { store: till.stores.sh })
    await Member.query().where('id', member.id).update({ owner_staff_id: guide.staff.id })

    const missingNotice = await client.patch(`/api/v1/members/${member.id}`).bearerToken(guide.token).json({ marketing_consent: true })
    missingNotice.assertStatus(422)
    missingNotice.assertBodyContains({ errors: [{ field: 'notice_version' }] })

    const given = await client
      .patch(`/api/v1/members/${member.id}`)
      .bearerToken(guide.token)
      .json({ marketing_consent: true, notice_version: 'v2026.1', name: '李娜', birthday: '1992-05-20' })
    given.assertStatus(200)
    given.assertBodyContains({ name: '李娜', birthday: '1992-05-20', marketing_consent: true, consent: { channel: 'console', store_id: till.stores.sh.id, notice_version: 'v2026.1' } })

    const future = await client.patch(`/api/v1/members/${member.id}`).bearerToken(guide.token).json({ birthday: '2999-01-01' })
    future.assertStatus(422)
    future.assertBodyContains({ errors: [{ field: 'birthday' }] })
    const audit = await AuditLog.findByOrFail('action', 'member.update')
    assert.equal(audit.changes.name.to, '李*')
  })
})
