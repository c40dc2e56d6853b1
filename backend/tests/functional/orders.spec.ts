import { test } from '@japa/runner'
import { StaffFactory } from '#database/factories/organisation'
import { resetState } from '#tests/helpers/database'
import { count, ledgerSum, memberByPhone, pos, postOrder, sale, setTier, type Pos } from '#tests/helpers/loyalty'

test.group('Orders from POS and mall', (group) => {
  let till: Pos
  group.each.setup(async () => {
    await resetState()
    till = await pos()
  })

  test('a sale by an unknown phone enrols the member at that store and earns points', async ({ client, assert }) => {
    const response = await postOrder(client, till, sale('56.00', { member: { phone: '+86 138-0000-0001' } }))
    response.assertStatus(201)
    const member = await memberByPhone()
    assert.deepEqual(response.body(), {
      order_id: response.body().order_id,
      member_id: member.id,
      points_earned: 56,
      points_balance: 56,
      tier: 'member',
    })
    assert.equal(member.registerStoreId, till.stores.sh.id)
    assert.equal(member.registerChannel, 'pos')
    assert.isFalse(member.marketingConsent)
    assert.equal(await ledgerSum(member.id), 56)
    assert.equal(await count('audit_logs', { action: 'order.sale', actor_type: 'integration' }), 1)
  })

  test('points are exact decimal arithmetic: 100.00 at gold (×1.2) earns 120', async ({ client, assert }) => {
    await postOrder(client, till, sale('1.00'))
    await setTier(await memberByPhone(), 'gold')
    const response = await postOrder(client, till, sale('100.00'))
    assert.equal(response.body().points_earned, 120)
    const odd = await postOrder(client, till, sale('33.33'))
    assert.equal(odd.body().points_earned, 39) // floor(39.996)
  })

  test('a non-member sale counts for retail but has no member and no points', async ({ client, assert }) => {
    const body = sale('30.00')
    delete (body as any).member
    const response = await postOrder(client, till, body)
    response.assertStatus(201)
    assert.include(response.body(), { member_id: null, points_earned: null, points_balance: null, tier: null })
    assert.equal(await count('members'), 0)
    assert.equal(await count('order_lines'), 1)
  })

  test('the same order posted 10 times in parallel is recorded once and earns once; a changed copy is a 409', async ({
    client,
    assert,
  }) => {
    const body = sale('88.00')
    const responses = await Promise.all(Array.from({ length: 10 }, () => postOrder(client, till, body)))
    const statuses = responses.map((r) => r.status()).sort()
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 200, 200, 200, 200, 201])
    const first = responses.find((r) => r.status() === 201)!.body()
    for (const response of responses) assert.deepEqual(response.body(), first)

    assert.equal(await count('orders'), 1)
    const member = await memberByPhone()
    assert.equal(member.pointsBalance, 88)
    assert.equal(await ledgerSum(member.id), 88)

    // Equal after parsing (keys in another order) is the same order.
    const reordered = Object.fromEntries(Object.entries(body).reverse())
    ;(await postOrder(client, till, reordered)).assertStatus(200)

    const changed = await postOrder(client, till, { ...body, total: '90.00', paid: '90.00' })
    changed.assertStatus(409)
    changed.assertBodyContains({ errors: [{ code: 'order_conflict', field: 'order_no' }] })
  })

  test('first orders of 40 new members arriving at once all enrol, none fails', async ({ client, assert }) => {
    const bodies = Array.from({ length: 40 }, (_, i) => sale('12.00', { member: { phone: `1390000${String(i).padStart(4, '0')}` } }))
    const responses = await Promise.all(bodies.map((body) => postOrder(client, till, body)))
    assert.deepEqual([...new Set(responses.map((r) => r.status()))], [201])
    assert.equal(await count('members'), 40)
    assert.equal(await count('member_identities'), 80)
  })

  test('a return at another store reverses proportional points; the return completing the refund reverses the rest', async ({
    client,
    assert,
  }) => {
    const original = sale('99.00', {
      items: [{ sku: 'MUG', name: 'Mug', category: 'retail', qty: 3, unit_price: '33.00' }],
    })
    await postOrder(client, till, original)
    const member = await memberByPhone()
    await setTier(member, 'gold') // the earn used the tier held before: member ×1.0 → 99 points

    const first = await postOrder(client, till, {
      ...sale('33.00'),
      order_no: 'RET-1',
      type: 'return',
      store_code: 'BJ001',
      channel: 'pos',
      original_order_no: original.order_no,
      items: [{ sku: 'MUG', name: 'Mug', category: 'retail', qty: 1, unit_price: '33.00' }],
    })
    first.assertStatus(201)
    assert.equal(first.body().points_earned, -33) // floor(99 × 33 / 99)
    assert.equal(first.body().points_balance, 66)

    const rest = await postOrder(client, till, {
      ...sale('66.00'),
      order_no: 'RET-2',
      type: 'return',
      channel: 'mall',
      original_order_no: original.order_no,
      items: [{ sku: 'MUG', name: 'Mug', category: 'retail', qty: 2, unit_price: '33.00' }],
    })
    rest.assertStatus(201)
    assert.equal(rest.body().points_earned, -66)
    assert.equal(rest.body().points_balance, 0)
    assert.equal(await ledgerSum(member.id), 0)
  })

  test('uneven refunds still reverse exactly what was earned in total', async ({ client, assert }) => {
    const original = sale('100.00', {
      items: [{ sku: 'CAKE', name: 'Cake', category: 'dessert', qty: 3, unit_price: '33.34' }],
      total: '100.02',
      discount: '0.02',
      paid: '100.00',
    })
    await postOrder(client, till, original)
    const returnOf = (no: string, paid: string) => ({
      ...sale(paid),
      order_no: no,
      type: 'return',
      original_order_no: original.order_no,
      items: [{ sku: 'CAKE', name: 'Cake', category: 'dessert', qty: 1, unit_price: '33.34' }],
    })
    const answers = []
    for (const [no, paid] of [['R1', '33.33'], ['R2', '33.33'], ['R3', '33.34']]) {
      answers.push((await postOrder(client, till, returnOf(no, paid))).body().points_earned)
    }
    assert.deepEqual(answers, [-33, -33, -34])
    assert.equal(await ledgerSum((await memberByPhone()).id), 0)
  })

  test('returning more than was sold is a 422 naming the item, and nothing changes', async ({ client, assert }) => {
    const original = sale('28.00')
    await postOrder(client, till, original)
    const response = await postOrder(client, till, {
      ...sale('56.00'),
      order_no: 'RET-OVER',
      type: 'return',
      original_order_no: original.order_no,
      items: [{ sku: 'LATTE-M', name: 'Latte M', category: 'coffee', qty: 2, unit_price: '28.00' }],
    })
    response.assertStatus(422)
    response.assertBodyContains({ errors: [{ field: 'items.0.qty', code: 'over_return' }] })
    assert.equal(await count('orders'), 1)
    assert.equal((await memberByPhone()).pointsBalance, 28)

    const unknown = await postOrder(client, till, { ...sale('1.00'), type: 'return', original_order_no: 'NOPE' })
    unknown.assertStatus(422)
    unknown.assertBodyContains({ errors: [{ field: 'original_order_no' }] })
  })

  test('the crossing order upgrades the tier and the next order earns with the new multiplier', async ({ client, assert }) => {
    const crossing = await postOrder(client, till, sale('2000.00'))
    assert.equal(crossing.body().points_earned, 2000) // earned at the tier held before
    assert.equal(crossing.body().tier, 'gold')
    const next = await postOrder(client, till, sale('100.00'))
    assert.equal(next.body().points_earned, 120)
    assert.equal(next.body().tier, 'gold')
  })

  test('bad input is a 422 naming the field, never a 500, and records nothing', async ({ client, assert }) => {
    const cases: [Record<string, unknown>, string][] = [
      [{ store_code: 'NOPE' }, 'store_code'],
      [{ total: 56 }, 'total'],
      [{ paid: '56.001' }, 'paid'],
      [{ total: '56.00', discount: '1.00', paid: '56.00' }, 'paid'],
      [{ items: [{ sku: 'A', name: 'A', category: 'c', qty: 1.5, unit_price: '1.00' }] }, 'items.0.qty'],
      [{ items: [{ sku: 'A', name: 'A', category: 'c', qty: 0, unit_price: '1.00' }] }, 'items.0.qty'],
      [{ items: [{ sku: 'A', name: 'A', category: 'c', qty: 1, unit_price: 'abc' }] }, 'items.0.unit_price'],
      [{ items: [] }, 'items'],
      [{ paid_at: '2026-11-21 23:30:00' }, 'paid_at'],
      [{ channel: 'fax' }, 'channel'],
      [{ member: { phone: '12345' } }, 'member.phone'],
      [{ member: { member_no: 'M0000000000' } }, 'member.member_no'],
      [{ member: { unionid: 'o6_unknown' } }, 'member.unionid'],
    ]
    for (const [change, field] of cases) {
      const response = await postOrder(client, till, sale('56.00', change))
      assert.equal(response.status(), 422, JSON.stringify(change))
      assert.include(response.body().errors.map((e: { field: string }) => e.field), field, JSON.stringify(change))
    }
    assert.equal(await count('orders'), 0)
    assert.equal(await count('members'), 0)
  })

  test('an unknown guide number is accepted unattributed, with a warning; a known one is attributed', async ({
    client,
    assert,
  }) => {
    const unknown = await postOrder(client, till, sale('10.00', { guide_no: 'G9999' }))
    unknown.assertStatus(201)
    assert.match(unknown.body().warnings[0], /G9999/)

    const guide = await StaffFactory.apply('guide').merge({ staffNo: 'G1001', storeId: till.stores.sh.id }).create()
    const known = await postOrder(client, till, sale('10.00', { guide_no: 'G1001' }))
    assert.notProperty(known.body(), 'warnings')
    const row = await (await import('#models/order')).default.findOrFail(known.body().order_id)
    assert.equal(row.guideId, guide.id)
  })

  test('the till looks a member up by phone or member number; unknown is 404', async ({ client, assert }) => {
    const { signed } = await import('#tests/helpers/integrations')
    await postOrder(client, till, sale('2100.00'))
    const member = await memberByPhone()
    const byPhone = await signed(client, 'get', '/api/v1/integrations/members?phone=13800000001', till)
    byPhone.assertStatus(200)
    assert.include(byPhone.body().member, { member_no: member.memberNo, tier: 'gold', points_balance: 2100, phone_masked: '138****0001' })
    assert.equal(byPhone.body().member.spend_to_next_tier, '5900.00')
    const byNo = await signed(client, 'get', `/api/v1/integrations/members?member_no=${member.memberNo}`, till)
    assert.equal(byNo.body().member.id, member.id)
    ;(await signed(client, 'get', '/api/v1/integrations/members?phone=13900000000', till)).assertStatus(404)
  })
})
