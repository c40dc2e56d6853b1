import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import db from '@adonisjs/lucid/services/db'
import Member from '#models/member'
import RecordSegmentCountsJob from '#jobs/record_segment_counts_job'
import { MemberStatus } from '#enums/loyalty'
import { StoreFactory } from '#database/factories/organisation'
import { resetState } from '#tests/helpers/database'
import { staffWithToken } from '#tests/helpers/auth'
import { count } from '#tests/helpers/loyalty'
import { enrol } from '#tests/helpers/tagging'

const RICH = { attr: 'points_balance', op: 'gte', value: 100 }

async function save(client: ApiClient, token: string, body: Record<string, unknown>) {
  const response = await client.post('/api/v1/segments').bearerToken(token).json(body)
  response.assertStatus(201)
  return response.body() as { id: number; member_count: number; snapshot_at: string | null; kind: string }
}

async function memberIds(client: ApiClient, token: string, segmentId: number) {
  const response = await client.get(`/api/v1/segments/${segmentId}/members`).bearerToken(token)
  response.assertStatus(200)
  return response.body().data.map((m: { id: number }) => m.id)
}

test.group('Saved segments', (group) => {
  group.each.setup(() => resetState())

  test('a static segment keeps the members it had when saved; a dynamic one follows the data', async ({ client, assert }) => {
    const { token } = await staffWithToken('hq')
    const rich = await enrol({ pointsBalance: 200 })
    const later = await enrol({ pointsBalance: 50 })

    const snapshot = await save(client, token, { name: 'Rich, then', definition: RICH, kind: 'static' })
    const live = await save(client, token, { name: 'Rich, now', definition: RICH, kind: 'dynamic' })
    assert.equal(snapshot.member_count, 1)
    assert.isNotNull(snapshot.snapshot_at)
    assert.equal(live.member_count, 1)
    assert.isNull(live.snapshot_at)

    await Member.query().where('id', later.id).update({ points_balance: 300 })
    assert.deepEqual(await memberIds(client, token, snapshot.id), [rich.id])
    assert.deepEqual(await memberIds(client, token, live.id), [later.id, rich.id]) // newest first

    // A snapshot lists only members who still exist as such (not merged away or erased).
    await Member.query().where('id', rich.id).update({ status: MemberStatus.Merged })
    assert.deepEqual(await memberIds(client, token, snapshot.id), [])
  })

  test('the list shows the last count; refresh records another; the nightly job records one per segment and day', async ({ client, assert }) => {
    const { token } = await staffWithToken('hq')
    await enrol({ pointsBalance: 200 })
    const segment = await save(client, token, { name: 'Rich', definition: RICH, kind: 'dynamic' })

    await enrol({ pointsBalance: 500 })
    const refreshed = await client.post(`/api/v1/segments/${segment.id}/refresh`).bearerToken(token)
    refreshed.assertStatus(200)
    assert.equal(refreshed.body().count, 2)

    const list = await client.get('/api/v1/segments').bearerToken(token)
    assert.include(list.body().data[0], { id: segment.id, member_count: 2 })
    assert.isString(list.body().data[0].counted_at)
    const shown = await client.get(`/api/v1/segments/${segment.id}`).bearerToken(token)
    assert.deepEqual(shown.body().count_history.map((c: { count: number }) => c.count), [1, 2])

    // Counted today already: the nightly run (or its retry) adds no second point for today.
    await new RecordSegmentCountsJob().handle()
    assert.equal(await count('segment_counts'), 2)
    await db.from('segment_counts').update({ counted_at: new Date(Date.now() - 2 * 86_400_000) })
    await enrol({ pointsBalance: 900 })
    await new RecordSegmentCountsJob().handle()
    await new RecordSegmentCountsJob().handle()
    const after = await client.get(`/api/v1/segments/${segment.id}`).bearerToken(token)
    assert.deepEqual(after.body().count_history.map((c: { count: number }) => c.count), [1, 2, 3])
    assert.equal(after.body().member_count, 3)
  })

  test('store roles read segments and their members within their scope, and may not change them', async ({ client, assert }) => {
    const hq = await staffWithToken('hq')
    const store = await StoreFactory.create()
    const guide = await staffWithToken('guide', { store })
    const own = await enrol({ ownerStaffId: guide.staff.id })
    await enrol()
    const everyone = await save(client, hq.token, { name: 'Everyone', definition: { all: [] }, kind: 'static' })

    const list = await client.get('/api/v1/segments').bearerToken(guide.token)
    list.assertStatus(200)
    assert.equal(list.body().data[0].member_count, 1) // theirs, not the enterprise's 2
    const shown = await client.get(`/api/v1/segments/${everyone.id}`).bearerToken(guide.token)
    assert.include(shown.body(), { member_count: 1 })
    assert.deepEqual(shown.body().count_history, [])
    assert.deepEqual(await memberIds(client, guide.token, everyone.id), [own.id])
    assert.lengthOf(await memberIds(client, hq.token, everyone.id), 2)

    ;(await client.post('/api/v1/segments').bearerToken(guide.token).json({ name: 'Mine', definition: { all: [] }, kind: 'dynamic' })).assertStatus(403)
    ;(await client.patch(`/api/v1/segments/${everyone.id}`).bearerToken(guide.token).json({ name: 'Renamed' })).assertStatus(403)
    ;(await client.post(`/api/v1/segments/${everyone.id}/refresh`).bearerToken(guide.token)).assertStatus(403)
    ;(await client.delete(`/api/v1/segments/${everyone.id}`).bearerToken(guide.token)).assertStatus(403)
  })

  test('a dynamic definition can change and a static one cannot; bad definitions name the path; deleting removes the snapshot', async ({ client, assert }) => {
    const { token } = await staffWithToken('hq')
    await enrol({ pointsBalance: 200 })
    await enrol({ pointsBalance: 20 })
    const live = await save(client, token, { name: 'Rich', definition: RICH, kind: 'dynamic' })
    const frozen = await save(client, token, { name: 'Rich then', definition: RICH, kind: 'static' })

    const widened = await client.patch(`/api/v1/segments/${live.id}`).bearerToken(token).json({ definition: { all: [] } })
    widened.assertStatus(200)
    assert.equal(widened.body().member_count, 2)
    const refused = await client.patch(`/api/v1/segments/${frozen.id}`).bearerToken(token).json({ definition: { all: [] } })
    refused.assertStatus(422)
    assert.equal(refused.body().errors[0].field, 'definition')
    const renamed = await client.patch(`/api/v1/segments/${frozen.id}`).bearerToken(token).json({ name: 'Rich in spring' })
    assert.equal(renamed.body().name, 'Rich in spring')

    const bad = await client
      .post('/api/v1/segments')
      .bearerToken(token)
      .json({ name: 'Bad', definition: { all: [{ attr: 'tier', op: 'roughly', value: 'gold' }] }, kind: 'dynamic' })
    bad.assertStatus(422)
    assert.equal(bad.body().errors[0].field, 'all[0].op')
    const badKind = await client.post('/api/v1/segments').bearerToken(token).json({ name: 'Bad', definition: RICH, kind: 'frozen' })
    badKind.assertStatus(422)
    assert.equal(badKind.body().errors[0].field, 'kind')

    ;(await client.delete(`/api/v1/segments/${frozen.id}`).bearerToken(token)).assertStatus(204)
    ;(await client.get(`/api/v1/segments/${frozen.id}`).bearerToken(token)).assertStatus(404)
    assert.equal(await count('segment_members'), 0)
    assert.equal(await count('segments'), 1)
  })
})
