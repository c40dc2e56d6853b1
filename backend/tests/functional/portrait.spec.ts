import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import Member from '#models/member'
import { resetState } from '#tests/helpers/database'
import { staffWithToken } from '#tests/helpers/auth'
import { signed, signedPut } from '#tests/helpers/integrations'
import { memberByPhone, pos, postOrder, sale, type Pos } from '#tests/helpers/loyalty'
import { timezone } from '#config/app'

const COFFEE = { sku: 'LATTE-M', name: 'Latte M', category: 'coffee', qty: 1, unit_price: '28.00' }
const CAKE = { sku: 'CHEESECAKE', name: 'Cheesecake', category: 'dessert', qty: 2, unit_price: '32.00' }
const MUG = { sku: 'MUG', name: 'Mug', category: 'retail', qty: 2, unit_price: '50.00' }

/** The first `weekday` (Mon=1) of the month starting at `month`, at a local time. */
function firstWeekday(month: DateTime, weekday: number, hour: number, minute = 0) {
  return month.plus({ days: (weekday - month.weekday + 7) % 7 }).set({ hour, minute })
}

let sequence = 0
async function buy(client: ApiClient, till: Pos, at: DateTime, item: typeof COFFEE, extra: Record<string, unknown> = {}) {
  const paid = (Number(item.unit_price) * item.qty).toFixed(2)
  const body = sale(paid, { order_no: `PT-${++sequence}`, items: [item], paid_at: at.toISO(), ...extra })
  ;(await postOrder(client, till, body)).assertStatus(201)
  return body
}

test.group('Member portrait', (group) => {
  let till: Pos
  group.each.setup(async () => {
    await resetState()
    till = await pos()
  })

  test('orders at known local times show in the heatmap, favourites, channel mix and spend by month', async ({ client, assert }) => {
    await signedPut(client, '/api/v1/integrations/products', till, [{ sku: 'LATTE-M', name: 'Latte Medium', category: 'coffee', price: '28.00' }])
    const thisMonth = DateTime.now().setZone(timezone).startOf('month')
    const lastMonth = thisMonth.minus({ months: 1 })
    // Three Saturday-morning coffees at SH001 (POS), a Wednesday-evening cake from the mall at BJ001.
    const saturday = firstWeekday(lastMonth, 6, 8, 30)
    for (const week of [0, 1, 2]) await buy(client, till, saturday.plus({ weeks: week }), COFFEE)
    await buy(client, till, firstWeekday(lastMonth, 3, 19), CAKE, { channel: 'mall', store_code: 'BJ001' })
    // Two mugs the month before; one comes back this month.
    const mugs = await buy(client, till, firstWeekday(lastMonth.minus({ months: 1 }), 1, 12), MUG) // a Monday noon
    await postOrder(client, till, { ...sale('50.00'), order_no: 'PT-RET', type: 'return', original_order_no: mugs.order_no, items: [{ ...MUG, qty: 1 }] })

    const member = await memberByPhone()
    const { token } = await staffWithToken('hq')
    const response = await client.get(`/api/v1/members/${member.id}`).bearerToken(token)
    response.assertStatus(200)
    const portrait = response.body().portrait

    assert.equal(portrait.preferences.heatmap[6 - 1][8], 3) // Saturday 08:00–09:00, local
    assert.equal(portrait.preferences.heatmap[3 - 1][19], 2) // Wednesday 19:00, two cakes
    assert.equal(portrait.preferences.heatmap[1 - 1][12], 1) // two mugs, one returned
    assert.equal(portrait.preferences.heatmap.flat().reduce((sum: number, n: number) => sum + n, 0), 3 + 2 + 1)
    assert.deepEqual(portrait.favorites, {
      category: 'coffee',
      product: { sku: 'LATTE-M', name: 'Latte Medium' },
      store: { id: till.stores.sh.id, code: 'SH001', name: till.stores.sh.name },
      weekday: 6,
      hour: 8,
    })
    assert.deepEqual(portrait.preferences.channels, [
      { value: 'pos', units: 4, amount: '134.00', share: 0.6667 },
      { value: 'mall', units: 2, amount: '64.00', share: 0.3333 },
    ])
    assert.deepEqual(
      portrait.preferences.categories.map((c: { value: string; units: number }) => [c.value, c.units]),
      [
        ['coffee', 3],
        ['dessert', 2],
        ['retail', 1],
      ]
    )
    assert.lengthOf(portrait.spend_by_month, 12)
    assert.deepEqual(portrait.spend_by_month.slice(-3), [
      { month: lastMonth.minus({ months: 1 }).toFormat('yyyy-MM'), sales: '100.00', refunds: '0.00', net: '100.00' },
      { month: lastMonth.toFormat('yyyy-MM'), sales: '148.00', refunds: '0.00', net: '148.00' },
      { month: thisMonth.toFormat('yyyy-MM'), sales: '0.00', refunds: '50.00', net: '-50.00' },
    ])
    assert.include(portrait.lifetime_value, { lifetime_spend: '198.00', order_count: 5, average_order: '39.60' })
  })

  test('tags, coupons and RFM scores are on the portrait', async ({ client, assert }) => {
    await postOrder(client, till, sale('30.00'))
    const member = await memberByPhone()
    await Member.query().where('id', member.id).update({ rfm_r: 5, rfm_f: 1, rfm_m: 2, rfm_group: 'new_customer' })
    const now = new Date()
    const [groupId] = await db.table('tag_groups').insert({ code: 'life', name: 'Life stage', created_at: now, updated_at: now })
    const [tagId] = await db.table('tags').insert({ group_id: groupId, code: 'new_parent', name: 'New parent', created_at: now, updated_at: now })
    await db.table('member_tags').insert({ member_id: member.id, tag_id: tagId, source: 'manual', created_at: new Date('2026-10-01T02:00:00Z') })
    const { token } = await staffWithToken('hq')
    const template = await client.post('/api/v1/coupon-templates').bearerToken(token).json({ name: '¥5 off', kind: 'amount_off', value: '5', valid_days: 7 })
    for (let i = 0; i < 3; i++) {
      await client.post(`/api/v1/coupon-templates/${template.body().id}/issue`).bearerToken(token).json({ member_ids: [member.id] })
    }
    const [redeemed, , lapsed] = await db.from('coupons').where('member_id', member.id).orderBy('id').select('id', 'code')
    ;(await signed(client, 'post', '/api/v1/integrations/coupons/redeem', till, { code: redeemed.code, store_code: 'SH001' })).assertStatus(200)
    // Past its expiry, not yet marked by the nightly job: already expired for the portrait.
    await db.from('coupons').where('id', lapsed.id).update({ expires_at: DateTime.utc().minus({ minutes: 1 }).toJSDate() })

    const portrait = (await client.get(`/api/v1/members/${member.id}`).bearerToken(token)).body().portrait
    assert.deepEqual(portrait.tags, [{ code: 'new_parent', name: 'New parent', source: 'manual', since: '2026-10-01T02:00:00.000Z' }])
    assert.deepEqual(portrait.rfm, { r: 5, f: 1, m: 2, group: 'new_customer' })
    assert.deepEqual(portrait.coupons, { usable: 1, redeemed: 1, expired: 1 })
  })
})

test.group('Member timeline', (group) => {
  let till: Pos
  group.each.setup(async () => {
    await resetState()
    till = await pos()
  })

  const daysAgo = (days: number) => DateTime.utc().startOf('second').minus({ days })

  test('orders, events, points, coupons, tier changes and tags in one stream, newest first, paged without gaps or repeats', async ({
    client,
    assert,
  }) => {
    const early = await buy(client, till, daysAgo(5), COFFEE)
    const mug = await buy(client, till, daysAgo(3), MUG)
    await postOrder(client, till, { ...sale('28.00'), order_no: 'TL-RET', type: 'return', original_order_no: early.order_no, paid_at: daysAgo(0.5).toISO() })
    const member = await memberByPhone()
    const tied = daysAgo(1).toISO() // four events at the same instant: more than a page of 3
    const events = [
      { event_id: 'e-4d', type: 'view_product', occurred_at: daysAgo(4).toISO() },
      ...[1, 2, 3, 4].map((n) => ({ event_id: `e-tie-${n}`, type: 'add_to_cart', occurred_at: tied })),
    ].map((e) => ({ ...e, member: { phone: '13800000001' }, props: { sku: 'MUG' } }))
    ;(await signed(client, 'post', '/api/v1/integrations/events', till, events)).assertStatus(202)
    const { token } = await staffWithToken('hq')
    const template = await client.post('/api/v1/coupon-templates').bearerToken(token).json({ name: 'gift', kind: 'gift', value: '0' })
    await client.post(`/api/v1/coupon-templates/${template.body().id}/issue`).bearerToken(token).json({ member_ids: [member.id] })
    const now = new Date()
    const [groupId] = await db.table('tag_groups').insert({ code: 'g', name: 'G', created_at: now, updated_at: now })
    const [tagId] = await db.table('tags').insert({ group_id: groupId, code: 'coffee_lover', name: 'Coffee lover', created_at: now, updated_at: now })
    await db.table('member_tags').insert({ member_id: member.id, tag_id: tagId, source: 'rule', created_at: daysAgo(6).toJSDate() })

    const page = (qs: Record<string, unknown>) => client.get(`/api/v1/members/${member.id}/timeline`).qs(qs).bearerToken(token)
    const all = (await page({ limit: 100 })).body()
    assert.isNull(all.next_before)
    const times = all.data.map((item: { at: string }) => Date.parse(item.at))
    assert.deepEqual(times, [...times].sort((a, b) => b - a))
    assert.sameMembers(
      [...new Set(all.data.map((item: { kind: string }) => item.kind))],
      ['order', 'event', 'points', 'coupon_issued', 'tier_change', 'tag_added']
    )
    // Sources interleave by time: the return, the tied events, the mug, an event, the coffee, the tag.
    const story = all.data
      .filter((item: { kind: string }) => ['order', 'event', 'tag_added'].includes(item.kind))
      .map((item: { kind: string; data: Record<string, any> }) => item.data.order_no ?? item.data.event_id ?? item.data.code)
    assert.deepEqual(story.slice(0, 1), ['TL-RET'])
    assert.sameMembers(story.slice(1, 5), ['e-tie-1', 'e-tie-2', 'e-tie-3', 'e-tie-4'])
    assert.deepEqual(story.slice(5), [mug.order_no, 'e-4d', early.order_no, 'coffee_lover'])
    assert.deepEqual(all.data.find((item: { kind: string }) => item.kind === 'order').data.store, { code: 'SH001', name: till.stores.sh.name })

    const walked: string[] = []
    let before: string | null = null
    for (let pages = 0; pages < 50; pages++) {
      const response = await page(before ? { limit: 3, before } : { limit: 3 })
      response.assertStatus(200)
      const { data, next_before: next } = response.body()
      assert.isAbove(data.length, 0)
      if (before) assert.isTrue(data.every((item: { at: string }) => Date.parse(item.at) < Date.parse(before!)))
      walked.push(...data.map((item: { id: string }) => item.id))
      if (!next) break
      before = next
    }
    assert.deepEqual([...walked].sort(), all.data.map((item: { id: string }) => item.id).sort())
    assert.lengthOf(new Set(walked), walked.length)
  })

  test('a guide cannot read the timeline of another guide\'s member; bad paging is a 422', async ({ client }) => {
    await postOrder(client, till, sale('10.00', { member: { phone: '13800000001' } }))
    await postOrder(client, till, sale('10.00', { member: { phone: '13800000002' } }))
    const mine = await memberByPhone('13800000001')
    const theirs = await memberByPhone('13800000002')
    const me = await staffWithToken('guide', { store: till.stores.sh })
    const other = await staffWithToken('guide', { store: till.stores.sh })
    await Member.query().where('id', mine.id).update({ owner_staff_id: me.staff.id })
    await Member.query().where('id', theirs.id).update({ owner_staff_id: other.staff.id })

    ;(await client.get(`/api/v1/members/${mine.id}/timeline`).bearerToken(me.token)).assertStatus(200)
    ;(await client.get(`/api/v1/members/${theirs.id}/timeline`).bearerToken(me.token)).assertStatus(404)
    ;(await client.get(`/api/v1/members/${theirs.id}/timeline`).bearerToken(other.token)).assertStatus(200)
    ;(await client.get(`/api/v1/members/${mine.id}/timeline`).qs({ limit: 101 }).bearerToken(me.token)).assertStatus(422)
    ;(await client.get(`/api/v1/members/${mine.id}/timeline`).qs({ before: 'yesterday' }).bearerToken(me.token)).assertStatus(422)
  })
})
