import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import { DateTime } from 'luxon'
import Member from '#models/member'
import Tier from '#models/tier'
import { MemberStatus, RegisterChannel } from '#enums/loyalty'
import { resetState } from '#tests/helpers/database'
import { staffWithToken } from '#tests/helpers/auth'
import { pos, postOrder, sale, type Pos } from '#tests/helpers/loyalty'
import { parseDefinition } from '#queries/segments/definition'
import { segmentQuery } from '#queries/segments/preview'

/** "Now" for every window: Wednesday 2026-11-25 12:00 in Shanghai. */
const AS_OF = '2026-11-25T04:00:00Z'
const daysBefore = (days: number, hourUtc = 4) => new Date(Date.parse(AS_OF) - days * 86_400_000 + (hourUtc - 4) * 3_600_000).toISOString()

const COFFEE = { sku: 'LATTE-M', name: 'Latte', category: 'coffee', qty: 1, unit_price: '28.00' }
const NEW_ITEM = { sku: 'OSMANTHUS-LATTE', name: 'Osmanthus latte', category: 'coffee', qty: 1, unit_price: '34.00' }
const SET_MEAL = { sku: 'SET-BREAKFAST', name: 'Breakfast set', category: 'set_meal', qty: 1, unit_price: '36.00' }
const CAKE = { sku: 'CHEESECAKE', name: 'Cheesecake', category: 'dessert', qty: 1, unit_price: '32.00' }

// Weekend mornings in Shanghai, in UTC: Sat 08:00, Sun 07:30, Sat 09:00, Sun 07:00.
const WEEKEND_MORNINGS = ['2026-11-21T00:00:00Z', '2026-11-21T23:30:00Z', '2026-11-14T01:00:00Z', '2026-11-07T23:00:00Z']
const WEEKDAY_MORNING = '2026-11-18T00:00:00Z' // Wednesday 08:00
const WEEKEND_LATE = '2026-11-21T03:00:00Z' // Saturday 11:00

let sequence = 0
async function buy(client: ApiClient, till: Pos, phone: string, paidAt: string, item = COFFEE) {
  const body = sale(item.unit_price, { order_no: `FX-${++sequence}`, member: { phone }, paid_at: paidAt, items: [item] })
  const response = await postOrder(client, till, body)
  response.assertStatus(201)
  return body
}

async function ids(...phones: string[]) {
  const members = await Member.query().whereIn('phone', phones).select('id')
  return members.map((m) => m.id).sort((a, b) => a - b)
}

test.group('Segments: the yardstick campaigns', (group) => {
  let till: Pos
  let token: string
  group.each.setup(async () => {
    await resetState()
    till = await pos()
    token = (await staffWithToken('hq')).token
  })

  const preview = (client: ApiClient, definition: unknown, extra: Record<string, unknown> = {}) =>
    client.post('/api/v1/segments/preview').bearerToken(token).json({ definition, as_of: AS_OF, limit: 1000, ...extra })
  const matched = async (client: ApiClient, definition: unknown) => {
    const response = await preview(client, definition)
    response.assertStatus(200)
    const found = response.body().members.map((m: { id: number }) => m.id).sort((a: number, b: number) => a - b)
    if (found.length !== response.body().count) throw new Error('count and members disagree')
    return found
  }

  test('bought coffee on Saturday or Sunday mornings at least 3 times in the last 60 days', async ({ client, assert }) => {
    for (const at of WEEKEND_MORNINGS.slice(0, 3)) await buy(client, till, '13800000001', at) // A: yes
    for (const at of WEEKEND_MORNINGS.slice(0, 2)) await buy(client, till, '13800000002', at) // B: only twice
    for (let i = 0; i < 3; i++) await buy(client, till, '13800000003', WEEKDAY_MORNING) // C: weekdays
    const returned = []
    for (const at of WEEKEND_MORNINGS.slice(0, 3)) returned.push(await buy(client, till, '13800000004', at)) // D: one returned
    await postOrder(client, till, { ...sale('28.00'), order_no: 'FX-RET', type: 'return', original_order_no: returned[0].order_no, items: [COFFEE] })
    for (let i = 0; i < 3; i++) await buy(client, till, '13800000005', WEEKEND_LATE) // E: not mornings
    await buy(client, till, '13800000006', daysBefore(70, 0)) // F: a weekend-morning coffee, but long ago...
    for (const at of WEEKEND_MORNINGS.slice(0, 2)) await buy(client, till, '13800000006', at) // ...so only 2 in the window

    const definition = {
      purchased: { category: 'coffee', weekdays: [6, 7], hours: [7, 10], within_days: 60, count: { op: 'gte', value: 3 } },
    }
    assert.deepEqual(await matched(client, definition), await ids('13800000001'))
  })

  test('no purchase in the last 30 days; the member\'s favourite product is known for the coupon', async ({ client, assert }) => {
    await buy(client, till, '13800000001', daysBefore(45), CAKE) // lapsed
    await buy(client, till, '13800000001', daysBefore(50), CAKE)
    await buy(client, till, '13800000001', daysBefore(55), COFFEE)
    await buy(client, till, '13800000002', daysBefore(3)) // active
    await buy(client, till, '13800000003', daysBefore(40)) // lapsed: the recent purchase was returned
    const recent = await buy(client, till, '13800000003', daysBefore(5))
    await postOrder(client, till, { ...sale('28.00'), order_no: 'FX-RET3', type: 'return', original_order_no: recent.order_no })
    await buy(client, till, '13800000004', daysBefore(29)) // 29 days: not yet
    // Lapsed as of AS_OF: a purchase after that moment does not count for it.
    await buy(client, till, '13800000005', daysBefore(60))
    await buy(client, till, '13800000005', daysBefore(-2))
    // A member who never bought matches nothing (null fails every comparison).
    await neverBought('9')

    const lapsed = await matched(client, { attr: 'days_since_last_purchase', op: 'gte', value: 30 })
    assert.deepEqual(lapsed, await ids('13800000001', '13800000003', '13800000005'))
    const never = await matched(client, { attr: 'days_since_last_purchase', op: 'is_null' })
    assert.deepEqual(never, await ids('13800000009'))
    // The coupon for the lapsed member names their favourite product.
    const member = await Member.findByOrFail('phone', '13800000001')
    assert.equal(member.favoriteSku, 'CHEESECAKE')
  })

  test('visited at least 8 times in the last 30 days but never bought the new item', async ({ client, assert }) => {
    for (let i = 1; i <= 8; i++) await buy(client, till, '13800000001', daysBefore(i * 3)) // yes
    for (let i = 1; i <= 8; i++) await buy(client, till, '13800000002', daysBefore(i * 3), i === 4 ? NEW_ITEM : COFFEE) // tried it
    for (let i = 1; i <= 7; i++) await buy(client, till, '13800000003', daysBefore(i * 3)) // 7 visits
    const definition = {
      all: [
        { purchased: { within_days: 30, count: { op: 'gte', value: 8 } } },
        { not: { purchased: { sku: 'OSMANTHUS-LATTE' } } },
      ],
    }
    assert.deepEqual(await matched(client, definition), await ids('13800000001'))
  })

  test('read slice by slice, as tagging a segment does, each member is found once, in their own slice', async ({ client, assert }) => {
    for (const phone of ['13800000001', '13800000002', '13800000003']) {
      for (let i = 1; i <= 8; i++) await buy(client, till, phone, daysBefore(i * 3))
    }
    await buy(client, till, '13800000004', daysBefore(3)) // one visit: not in it
    const [first, second, third] = await ids('13800000001', '13800000002', '13800000003')
    const { staff } = await staffWithToken('hq')
    const visits = parseDefinition({ purchased: { within_days: 30, count: { op: 'gte', value: 8 } } })
    const slice = async (after: number, upTo: number) =>
      (await segmentQuery(staff, visits, new Date(AS_OF), { after, upTo }).select('members.id')).map((m) => m.id).sort((a, b) => a - b)
    assert.deepEqual(await slice(0, first), [first])
    assert.deepEqual(await slice(first, third - 1), [second])
    assert.deepEqual(await slice(third - 1, third + 1000), [third])
  })

  test('bought a set meal at least twice in the last 30 days', async ({ client, assert }) => {
    await buy(client, till, '13800000001', daysBefore(2), SET_MEAL)
    await buy(client, till, '13800000001', daysBefore(20), SET_MEAL)
    await buy(client, till, '13800000002', daysBefore(2), SET_MEAL) // once in the window
    await buy(client, till, '13800000002', daysBefore(40), SET_MEAL)
    await buy(client, till, '13800000003', daysBefore(1), COFFEE)
    const definition = { purchased: { category: 'set_meal', within_days: 30, count: { op: 'gte', value: 2 } } }
    assert.deepEqual(await matched(client, definition), await ids('13800000001'))
    // "Fewer than 2" includes members who never bought one.
    const fewer = await matched(client, { purchased: { category: 'set_meal', within_days: 30, count: { op: 'lt', value: 2 } } })
    assert.deepEqual(fewer, await ids('13800000002', '13800000003'))
  })

  // A count ANDed at the top is computed once and drives the query, the rest checked for its
  // members (SKUs one lookup each); under not or any it is a condition like another.
  test('counted conditions keep their meaning under not and any, and beside SKU checks', async ({ client, assert }) => {
    for (let i = 1; i <= 9; i++) await buy(client, till, '13800000001', daysBefore(i * 3)) // 9 visits, never the new item
    for (let i = 1; i <= 8; i++) await buy(client, till, '13800000002', daysBefore(i * 3), i === 4 ? NEW_ITEM : COFFEE) // 8, tried it
    for (let i = 1; i <= 7; i++) await buy(client, till, '13800000003', daysBefore(i * 3)) // 7 visits
    await buy(client, till, '13800000004', daysBefore(100), NEW_ITEM) // the new item, long ago
    await neverBought('5')
    const visits = { purchased: { within_days: 30, count: { op: 'gte', value: 8 } } }
    const newItem = { purchased: { sku: 'OSMANTHUS-LATTE' } }

    assert.deepEqual(await matched(client, { not: visits }), await ids('13800000003', '13800000004', '13800000005'))
    assert.deepEqual(await matched(client, { any: [visits, newItem] }), await ids('13800000001', '13800000002', '13800000004'))
    assert.deepEqual(await matched(client, { not: { all: [visits, { not: newItem }] } }), await ids('13800000002', '13800000003', '13800000004', '13800000005'))
    assert.deepEqual(await matched(client, { all: [{ all: [visits] }, { not: newItem }] }), await ids('13800000001'))
    assert.deepEqual(await matched(client, { all: [visits, newItem] }), await ids('13800000002'))
    assert.deepEqual(await matched(client, { all: [visits, { any: [{ not: newItem }, { attr: 'order_count', op: 'gt', value: 100 }] }] }), await ids('13800000001'))
    // Counts and amounts that members without such lines meet ("fewer than 1", "under 10").
    assert.deepEqual(await matched(client, { all: [visits, { purchased: { sku: 'OSMANTHUS-LATTE', count: { op: 'lt', value: 1 } } }] }), await ids('13800000001'))
    assert.deepEqual(await matched(client, { all: [visits, { purchased: { sku: 'OSMANTHUS-LATTE', amount: { op: 'lt', value: 10 } } }] }), await ids('13800000001'))
    assert.deepEqual(await matched(client, { all: [visits, { purchased: { sku: 'LATTE-M', amount: { op: 'gte', value: 250 } } }] }), await ids('13800000001'))
    // A count that members without lines meet drives nothing: they stay in.
    const fewerThanEight = { purchased: { within_days: 30, count: { op: 'lt', value: 8 } } }
    assert.deepEqual(await matched(client, { all: [fewerThanEight, { attr: 'order_count', op: 'lt', value: 5 }] }), await ids('13800000004', '13800000005'))
    assert.deepEqual(await matched(client, { all: [{ purchased: { within_days: 30, count: { op: 'lt', value: 9 } } }, visits] }), await ids('13800000002'))
  })
})

test.group('Segments: validation and scope', (group) => {
  group.each.setup(() => resetState())

  test('unknown fields and operators are a 422 naming the path', async ({ client, assert }) => {
    const { token } = await staffWithToken('hq')
    const response = await client
      .post('/api/v1/segments/preview')
      .bearerToken(token)
      .json({
        definition: {
          all: [
            { attr: 'tier', op: 'eq', value: 'gold' },
            { tag: 'vip' },
            { attr: 'shoe_size', op: 'eq', value: 42 },
            { any: [{ attr: 'points_balance', op: 'approx', value: 1 }] },
            { purchased: { weekdays: [0, 8], colour: 'red' } },
          ],
        },
      })
    response.assertStatus(422)
    const fields = response.body().errors.map((e: { field: string }) => e.field).sort()
    assert.deepEqual(fields, ['all[2].attr', 'all[3].any[0].op', 'all[4].purchased.colour', 'all[4].purchased.weekdays'])
  })

  test('values that try SQL injection match nothing or are refused', async ({ client, assert }) => {
    const till = await pos()
    const { token } = await staffWithToken('hq')
    await postOrder(client, till, sale('28.00'))
    const count = async (definition: unknown) => {
      const response = await client.post('/api/v1/segments/preview').bearerToken(token).json({ definition })
      return response.status() === 200 ? response.body().count : response.status()
    }
    assert.equal(await count({ purchased: { sku: "x' OR '1'='1" } }), 0)
    assert.equal(await count({ tag: "vip') OR 1=1 -- " }), 0)
    assert.equal(await count({ attr: 'tier', op: 'eq', value: "member' OR 'a'='a" }), 0)
    assert.equal(await count({ attr: 'gender', op: 'eq', value: "male' OR '1'='1" }), 422)
    assert.equal(await count({ attr: 'points_balance) OR (1=1', op: 'gt', value: 0 }), 422)
    assert.equal(await count({ purchased: { sku: 'LATTE-M' } }), 1) // and the table is still there
  })

  test('a preview counts only the members the caller may see; empty all is everyone, empty any no one', async ({ client, assert }) => {
    const till = await pos()
    await postOrder(client, till, sale('28.00', { member: { phone: '13800000001' } }))
    await postOrder(client, till, sale('28.00', { member: { phone: '13800000002' } }))
    const guide = await staffWithToken('guide', { store: till.stores.sh })
    await Member.query().where('phone', '13800000001').update({ owner_staff_id: guide.staff.id })
    const hq = await staffWithToken('hq')
    const count = async (token: string, definition: unknown) =>
      (await client.post('/api/v1/segments/preview').bearerToken(token).json({ definition })).body().count
    assert.equal(await count(hq.token, { all: [] }), 2)
    assert.equal(await count(guide.token, { all: [] }), 1)
    assert.equal(await count(hq.token, { any: [] }), 0)
    assert.equal(await count(hq.token, { not: { purchased: {} } }), 0)
  })
})

/** A member enrolled at the console who never bought: phone 1380000000`n`. */
async function neverBought(n: string) {
  const tier = await Tier.findByOrFail('code', 'member')
  return Member.create({
    memberNo: `M000000000${n}`,
    phone: `1380000000${n}`,
    registerChannel: RegisterChannel.Console,
    tierId: tier.id,
    tierSince: DateTime.utc(),
    referralCode: `NEVERBUY${n}`,
    status: MemberStatus.Active,
  })
}
