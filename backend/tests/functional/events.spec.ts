import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import MemberIdentity from '#models/member_identity'
import PruneEventsJob from '#jobs/prune_events_job'
import { IdentityType } from '#enums/loyalty'
import { IntegrationScope } from '#enums/integration'
import { resetState } from '#tests/helpers/database'
import { staffWithToken } from '#tests/helpers/auth'
import { integrationApp, signed } from '#tests/helpers/integrations'
import { count, memberByPhone, pos, postOrder, sale, type Pos } from '#tests/helpers/loyalty'

type Credentials = { keyId: string; secret: string }

function postEvents(client: ApiClient, credentials: Credentials, events: unknown) {
  return signed(client, 'post', '/api/v1/integrations/events', credentials, events)
}

const hoursAgo = (hours: number) => DateTime.utc().minus({ hours }).toISO()

/** Members 13800000001 and 13800000002, enrolled by a first purchase (events never enrol). */
async function enrolTwo(client: ApiClient, till: Pos) {
  await postOrder(client, till, sale('10.00', { member: { phone: '13800000001' } }))
  await postOrder(client, till, sale('10.00', { member: { phone: '13800000002' } }))
}

function event(n: number, overrides: Record<string, unknown> = {}) {
  return {
    event_id: `mp-${n}`,
    type: 'view_product',
    member: { phone: '13800000001' },
    occurred_at: hoursAgo(1),
    props: { sku: 'LATTE-M' },
    ...overrides,
  }
}

test.group('Behaviour events from the mall and mini-program', (group) => {
  let till: Pos
  group.each.setup(async () => {
    await resetState()
    till = await pos()
  })

  test('a batch of 1000 with two bad events keeps the other 998 and names the two; sent again, all 998 are duplicates', async ({
    client,
    assert,
  }) => {
    await enrolTwo(client, till)
    const second = await memberByPhone('13800000002')
    await MemberIdentity.create({ memberId: second.id, type: IdentityType.Unionid, value: 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M' })
    const references = [{ phone: '+86 138-0000-0001' }, { member_no: second.memberNo }, { unionid: 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M' }]
    const types = ['view_product', 'favorite', 'add_to_cart', 'coupon_claimed', 'checkin']
    const batch = Array.from({ length: 1000 }, (_, i) => event(i, { type: types[i % 5], member: references[i % 3] }))
    batch[17] = event(17, { type: 'teleport' })
    batch[503] = event(503, { member: { phone: '13999999999' } }) // not a member: events never enrol

    const first = await postEvents(client, till, batch)
    first.assertStatus(202)
    assert.equal(first.body().accepted, 998)
    assert.equal(first.body().duplicates, 0)
    assert.deepEqual(
      first.body().rejected.map((r: { index: number; errors: { field: string }[] }) => [r.index, r.errors.map((e) => e.field)]),
      [
        [17, ['type']],
        [503, ['member.phone']],
      ]
    )
    assert.equal(await count('member_events'), 998)
    assert.equal(await count('member_events', { member_id: second.id }), 666 - 2) // by member_no or unionid; 17 and 503 were theirs
    assert.equal(await count('member_events', { integration_app_id: till.app.id }), 998)
    assert.equal(await count('members'), 2)

    const again = await postEvents(client, till, batch)
    again.assertStatus(202)
    assert.include(again.body(), { accepted: 0, duplicates: 998 })
    assert.lengthOf(again.body().rejected, 2)
    assert.equal(await count('member_events'), 998)
    // One audit entry per batch, not per event.
    assert.equal(await count('audit_logs', { action: 'event.ingest', actor_type: 'integration' }), 2)
  })

  test('each bad event is rejected with its reason; an event_id twice in one batch is kept once', async ({ client, assert }) => {
    await enrolTwo(client, till)
    const batch = [
      event(1),
      event(2, { occurred_at: '2026-11-20T10:00:00' }), // no zone
      event(3, { occurred_at: '2026-02-30T10:00:00Z' }), // no such day
      event(4, { occurred_at: DateTime.utc().plus({ days: 3 }).toISO() }), // in the future
      event(5, { props: ['sku', 'LATTE-M'] }),
      event(6, { props: { note: 'x'.repeat(4100) } }),
      event(7, { member: {} }),
      event(8, { member: { phone: '12345' } }),
      event(1, { type: 'favorite' }), // the same event_id again
      'not an event',
      event(9, { props: undefined }),
    ]
    const response = await postEvents(client, till, batch)
    response.assertStatus(202)
    assert.include(response.body(), { accepted: 2, duplicates: 1 })
    assert.deepEqual(
      response.body().rejected.map((r: { index: number; errors: { field?: string }[] }) => [r.index, r.errors[0].field ?? null]),
      [
        [1, 'occurred_at'],
        [2, 'occurred_at'],
        [3, 'occurred_at'],
        [4, 'props'],
        [5, 'props'],
        [6, 'member'],
        [7, 'member.phone'],
        [9, null],
      ]
    )
    const stored = await db.from('member_events').orderBy('event_id').select('event_id', 'type', 'props')
    assert.deepEqual(
      stored.map((row) => [row.event_id, row.type]),
      [
        ['mp-1', 'view_product'],
        ['mp-9', 'view_product'],
      ]
    )
  })

  test('all bad is still a 202 with nothing accepted; more than 1000 is a 413 and stores nothing', async ({ client, assert }) => {
    await enrolTwo(client, till)
    const bad = await postEvents(client, till, [event(1, { type: 'nope' }), event(2, { member: { member_no: 'M0000000000' } })])
    bad.assertStatus(202)
    bad.assertBody({
      accepted: 0,
      duplicates: 0,
      rejected: [
        { index: 0, errors: [{ field: 'type', code: 'enum', message: bad.body().rejected[0].errors[0].message }] },
        { index: 1, errors: [{ field: 'member.member_no', code: 'exists', message: 'No member with this member_no' }] },
      ],
    })

    const tooMany = await postEvents(client, till, Array.from({ length: 1001 }, (_, i) => event(i)))
    tooMany.assertStatus(413)
    assert.equal(await count('member_events'), 0)

    const notABatch = await postEvents(client, till, event(1))
    notABatch.assertStatus(422)
  })

  test('only a key with the events scope may send events; a staff token is refused', async ({ client, assert }) => {
    await enrolTwo(client, till)
    const ordersOnly = await integrationApp([IntegrationScope.Orders])
    const refused = await postEvents(client, ordersOnly, [event(1)])
    refused.assertStatus(403)
    refused.assertBodyContains({ errors: [{ code: 'missing_scope' }] })

    const admin = await staffWithToken('admin')
    const staff = await client.post('/api/v1/integrations/events').bearerToken(admin.token).json([event(2)])
    staff.assertStatus(401)

    assert.equal(await count('member_events'), 0)
    ;(await postEvents(client, till, [event(3)])).assertStatus(202)
    assert.equal(await count('member_events'), 1)
  })

  test('stored events are what the segment event condition counts', async ({ client, assert }) => {
    await enrolTwo(client, till)
    const carts = [event(1, { type: 'add_to_cart' }), event(2, { type: 'add_to_cart', occurred_at: hoursAgo(2) })]
    await postEvents(client, till, [...carts, event(3, { type: 'add_to_cart', member: { phone: '13800000002' } })])
    const { token } = await staffWithToken('hq')
    const preview = await client
      .post('/api/v1/segments/preview')
      .bearerToken(token)
      .json({ definition: { event: { type: 'add_to_cart', within_days: 7, count: { op: 'gte', value: 2 } } } })
    assert.deepEqual(
      preview.body().members.map((m: { id: number }) => m.id),
      [(await memberByPhone('13800000001')).id]
    )
  })

  test('events older than the retention are pruned daily; HQ sets the retention', async ({ client, assert }) => {
    await enrolTwo(client, till)
    const daysAgo = (days: number) => DateTime.utc().minus({ days, minutes: 5 }).toISO()
    await postEvents(client, till, [
      event(1, { occurred_at: daysAgo(10) }),
      event(2, { type: 'checkin', occurred_at: daysAgo(40) }),
      event(3, { type: 'favorite', occurred_at: daysAgo(400) }),
    ])
    const stored = async () => (await db.from('member_events').orderBy('event_id').select('event_id')).map((row) => row.event_id)

    await new PruneEventsJob().handle() // default: 365 days
    assert.deepEqual(await stored(), ['mp-1', 'mp-2'])

    const hq = await staffWithToken('hq')
    const guide = await staffWithToken('guide')
    ;(await client.put('/api/v1/events/settings').bearerToken(guide.token).json({ retention_days: 1 })).assertStatus(403)
    ;(await client.put('/api/v1/events/settings').bearerToken(hq.token).json({ retention_days: 0 })).assertStatus(422)
    const updated = await client.put('/api/v1/events/settings').bearerToken(hq.token).json({ retention_days: 30 })
    updated.assertStatus(200)
    updated.assertBody({ retention_days: 30 })
    ;(await client.get('/api/v1/events/settings').bearerToken(guide.token)).assertBody({ retention_days: 30 })
    assert.equal(await count('audit_logs', { action: 'event_settings.update' }), 1)

    await new PruneEventsJob().handle()
    await new PruneEventsJob().handle()
    assert.deepEqual(await stored(), ['mp-1'])
  })
})
