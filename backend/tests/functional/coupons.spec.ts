import { test } from '@japa/runner'
import Coupon from '#models/coupon'
import { resetState } from '#tests/helpers/database'
import { staffWithToken } from '#tests/helpers/auth'
import { signed } from '#tests/helpers/integrations'
import { count, memberByPhone, pos, postOrder, sale, type Pos } from '#tests/helpers/loyalty'

async function template(client: any, token: string, body: Record<string, unknown>) {
  const response = await client.post('/api/v1/coupon-templates').bearerToken(token).json({
    name: '满50减10',
    kind: 'amount_off',
    value: '10.00',
    min_spend: '50.00',
    valid_days: 30,
    ...body,
  })
  response.assertStatus(201)
  return response.body()
}

test.group('Coupons', (group) => {
  let till: Pos
  let token: string
  group.each.setup(async () => {
    await resetState()
    till = await pos()
    token = (await staffWithToken('hq')).token
  })

  test('HQ issues a template to a list: per-member limit and stock skip with a reason; an Idempotency-Key retry issues nothing more', async ({
    client,
    assert,
  }) => {
    for (const phone of ['13800000001', '13800000002', '13800000003', '13800000004']) {
      await postOrder(client, till, sale('10.00', { member: { phone } }))
    }
    const [a, b, c, d] = await Promise.all(['1', '2', '3', '4'].map((n) => memberByPhone(`1380000000${n}`)))
    const t = await template(client, token, { per_member_limit: 1, total_stock: 3 })

    const issue = () =>
      client.post(`/api/v1/coupon-templates/${t.id}/issue`).bearerToken(token).header('Idempotency-Key', 'k-1').json({ member_ids: [a.id, b.id] })
    const first = await issue()
    first.assertStatus(201)
    assert.lengthOf(first.body().coupons, 2)
    assert.match(first.body().coupons[0].code, /^[A-Z2-9]{12}$/)

    const retry = await issue()
    assert.deepEqual(retry.body(), first.body())
    assert.equal(await count('coupons'), 2)

    const again = await client.post(`/api/v1/coupon-templates/${t.id}/issue`).bearerToken(token).json({ member_ids: [a.id, 999999] })
    again.assertStatus(201)
    assert.deepEqual(again.body().skipped, [
      { member_id: a.id, reason: 'member_limit' },
      { member_id: 999999, reason: 'not_found' },
    ])

    const last = await client.post(`/api/v1/coupon-templates/${t.id}/issue`).bearerToken(token).json({ member_ids: [c.id, d.id] })
    assert.deepEqual(last.body().coupons.map((x: { member_id: number }) => x.member_id), [c.id])
    assert.deepEqual(last.body().skipped, [{ member_id: d.id, reason: 'out_of_stock' }])

    const reused = await client
      .post(`/api/v1/coupon-templates/${t.id}/issue`)
      .bearerToken(token)
      .header('Idempotency-Key', 'k-1')
      .json({ member_ids: [b.id] })
    reused.assertStatus(409)
  })

  test('a coupon is redeemed exactly once; the same order_no again is a retry', async ({ client, assert }) => {
    await postOrder(client, till, sale('10.00'))
    const member = await memberByPhone()
    const t = await template(client, token, {})
    const { coupons } = (await client.post(`/api/v1/coupon-templates/${t.id}/issue`).bearerToken(token).json({ member_ids: [member.id] })).body()
    const code = coupons[0].code
    const redeem = (body: Record<string, unknown>) => signed(client, 'post', '/api/v1/integrations/coupons/redeem', till, { code, ...body })

    ;(await redeem({ store_code: 'SH001', amount: '49.99' })).assertBodyContains({ errors: [{ code: 'coupon_min_spend' }] })
    const ok = await redeem({ store_code: 'SH001', order_no: 'P-1', amount: '60.00' })
    ok.assertStatus(200)
    ok.assertBodyContains({ coupon: { code, status: 'redeemed' } })
    ;(await redeem({ store_code: 'SH001', order_no: 'P-1', amount: '60.00' })).assertStatus(200)
    const second = await redeem({ store_code: 'BJ001', order_no: 'P-2', amount: '60.00' })
    second.assertStatus(409)
    second.assertBodyContains({ errors: [{ code: 'coupon_already_redeemed' }] })

    ;(await signed(client, 'post', '/api/v1/integrations/coupons/redeem', till, { code: 'NOSUCHCODE12', store_code: 'SH001' })).assertStatus(404)
    ;(await redeem({})).assertStatus(422) // a store use needs the store
    const coupon = await Coupon.findByOrFail('code', code)
    assert.equal(coupon.redeemedOrderNo, 'P-1')
  })

  test('two stores redeeming one coupon at the same moment: exactly one wins', async ({ client, assert }) => {
    await postOrder(client, till, sale('10.00'))
    const member = await memberByPhone()
    const t = await template(client, token, { min_spend: '0.00' })
    const { coupons } = (await client.post(`/api/v1/coupon-templates/${t.id}/issue`).bearerToken(token).json({ member_ids: [member.id] })).body()
    const attempts = await Promise.all(
      ['SH001', 'BJ001', 'SH001', 'BJ001'].map((store, i) =>
        signed(client, 'post', '/api/v1/integrations/coupons/redeem', till, { code: coupons[0].code, store_code: store, order_no: `X-${i}` })
      )
    )
    assert.deepEqual(attempts.map((r) => r.status()).sort(), [200, 409, 409, 409])
  })

  test('expired, voided and wrong-channel coupons are refused with their reason', async ({ client, assert }) => {
    await postOrder(client, till, sale('10.00'))
    const member = await memberByPhone()
    const online = await template(client, token, { min_spend: '0.00', channels: ['online'] })
    const anywhere = await template(client, token, { min_spend: '0.00' })
    const issue = async (id: number) =>
      (await client.post(`/api/v1/coupon-templates/${id}/issue`).bearerToken(token).json({ member_ids: [member.id] })).body().coupons[0].code
    const redeem = (code: string) => signed(client, 'post', '/api/v1/integrations/coupons/redeem', till, { code, store_code: 'SH001' })

    ;(await redeem(await issue(online.id))).assertBodyContains({ errors: [{ code: 'coupon_not_applicable' }] })

    const voided = await issue(anywhere.id)
    ;(await client.post(`/api/v1/coupons/${voided}/void`).bearerToken(token).json({ reason: 'issued by mistake' })).assertStatus(200)
    ;(await redeem(voided)).assertBodyContains({ errors: [{ code: 'coupon_void' }] })

    const expired = await issue(anywhere.id)
    await Coupon.query().where('code', expired).update({ expires_at: new Date(Date.now() - 1000) })
    ;(await redeem(expired)).assertBodyContains({ errors: [{ code: 'coupon_expired' }] })
    assert.equal(await count('coupons', { status: 'redeemed' }), 0)
  })

  test('coupons carried by an order are redeemed with it, all or none, and a full return restores them', async ({ client, assert }) => {
    await postOrder(client, till, sale('10.00'))
    const member = await memberByPhone()
    const t = await template(client, token, { min_spend: '0.00' })
    const issued = (await client.post(`/api/v1/coupon-templates/${t.id}/issue`).bearerToken(token).json({ member_ids: [member.id] })).body()
    const code = issued.coupons[0].code

    const refused = await postOrder(client, till, sale('60.00', { coupon_codes: [code, 'NOSUCHCODE12'] }))
    refused.assertStatus(409)
    refused.assertBodyContains({ errors: [{ code: 'coupon_not_found', field: 'coupon_codes' }] })
    assert.equal((await Coupon.findByOrFail('code', code)).status, 'issued')
    assert.equal(await count('orders'), 1)

    const order = sale('60.00', { coupon_codes: [code] })
    ;(await postOrder(client, till, order)).assertStatus(201)
    assert.equal((await Coupon.findByOrFail('code', code)).status, 'redeemed')

    const again = await postOrder(client, till, sale('60.00', { coupon_codes: [code] }))
    again.assertStatus(409)
    again.assertBodyContains({ errors: [{ code: 'coupon_already_redeemed' }] })

    await postOrder(client, till, { ...sale('60.00'), order_no: 'FULL-RET', type: 'return', original_order_no: order.order_no })
    const restored = await Coupon.findByOrFail('code', code)
    assert.equal(restored.status, 'issued')
    assert.isNull(restored.redeemedOrderNo)
  })

  test('points buy a coupon in one transaction; too few points change nothing', async ({ client, assert }) => {
    await postOrder(client, till, sale('600.00'))
    const member = await memberByPhone()
    const t = await template(client, token, { points_cost: 500, min_spend: '0.00' })

    const bought = await client.post(`/api/v1/members/${member.id}/points/exchange`).bearerToken(token).json({ template_id: t.id })
    bought.assertStatus(201)
    assert.equal(bought.body().points_balance, 100)

    const poor = await client.post(`/api/v1/members/${member.id}/points/exchange`).bearerToken(token).json({ template_id: t.id })
    poor.assertStatus(409)
    poor.assertBodyContains({ errors: [{ code: 'insufficient_points' }] })
    assert.equal(await count('coupons'), 1)
    assert.equal((await memberByPhone()).pointsBalance, 100)
  })

  test('only HQ creates templates; a bad template is a 422 naming the field', async ({ client }) => {
    const guide = await staffWithToken('guide')
    ;(await client.post('/api/v1/coupon-templates').bearerToken(guide.token).json({ name: 'x', kind: 'gift', value: '0' })).assertStatus(403)
    const bad = await client.post('/api/v1/coupon-templates').bearerToken(token).json({ name: '8折', kind: 'percent_off', value: '120' })
    bad.assertStatus(422)
    bad.assertBodyContains({ errors: [{ field: 'value' }] })
  })
})
