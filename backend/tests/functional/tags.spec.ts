import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { QueueEvents } from 'bullmq'
import Tier from '#models/tier'
import AutoTagRule from '#models/auto_tag_rule'
import AuditLog from '#models/audit_log'
import { QueueService } from '#services/queue_service'
import { QueueName } from '#enums/queue'
import { AutoTagRuleStatus } from '#enums/tag'
import { SYNC_LIMIT } from '#actions/tags/tag_segment'
import { StoreFactory } from '#database/factories/organisation'
import { resetState } from '#tests/helpers/database'
import { staffWithToken } from '#tests/helpers/auth'
import { count } from '#tests/helpers/loyalty'
import { enrol, tags, tagsOf } from '#tests/helpers/tagging'
import queueConfig from '#config/queue'

test.group('Tags: groups and tags', (group) => {
  group.each.setup(() => resetState())

  test('HQ creates tag groups and tags with codes; a taken code is a conflict; store roles may only read', async ({ client, assert }) => {
    const hq = await staffWithToken('hq')
    const guide = await staffWithToken('guide')
    const manager = await staffWithToken('manager')

    const created = await client.post('/api/v1/tag-groups').bearerToken(hq.token).json({ code: 'lifestyle', name: 'Lifestyle' })
    created.assertStatus(201)
    const tag = await client.post('/api/v1/tags').bearerToken(hq.token).json({ group: 'lifestyle', code: 'coffee_lover', name: 'Coffee lover' })
    tag.assertStatus(201)
    assert.equal(tag.body().group.code, 'lifestyle')

    const again = await client.post('/api/v1/tags').bearerToken(hq.token).json({ group: 'lifestyle', code: 'coffee_lover', name: 'Twice' })
    again.assertStatus(409)
    assert.equal(again.body().errors[0].code, 'tag_code_taken')
    const noGroup = await client.post('/api/v1/tags').bearerToken(hq.token).json({ group: 'nope', code: 'x', name: 'X' })
    noGroup.assertStatus(422)
    assert.equal(noGroup.body().errors[0].field, 'group')

    ;(await client.post('/api/v1/tags').bearerToken(guide.token).json({ group: 'lifestyle', code: 'mine', name: 'Mine' })).assertStatus(403)
    ;(await client.post('/api/v1/tag-groups').bearerToken(manager.token).json({ code: 'store', name: 'Store' })).assertStatus(403)
    ;(await client.patch('/api/v1/tags/coffee_lover').bearerToken(guide.token).json({ name: 'Renamed' })).assertStatus(403)

    const renamed = await client.patch('/api/v1/tags/coffee_lover').bearerToken(hq.token).json({ name: 'Loves coffee' })
    renamed.assertStatus(200)
    const list = await client.get('/api/v1/tags').bearerToken(guide.token)
    list.assertStatus(200)
    assert.deepEqual(
      list.body().data.map((t: { code: string; name: string; members: number }) => [t.code, t.name, t.members]),
      [['coffee_lover', 'Loves coffee', 0]]
    )
  })

  test('a tag members carry is deleted only with force=1, which takes it from them and is audited', async ({ client, assert }) => {
    const hq = await staffWithToken('hq')
    const [vip, unused, ruled] = await tags('vip', 'unused', 'ruled')
    const member = await enrol()
    await db.table('member_tags').insert({ member_id: member.id, tag_id: vip.id, source: 'manual', created_at: new Date() })
    await AutoTagRule.create({ name: 'Gives ruled', tagId: ruled.id, definition: { all: [] }, removeWhenUnmatched: false, status: AutoTagRuleStatus.Active })

    const refused = await client.delete('/api/v1/tags/vip').bearerToken(hq.token)
    refused.assertStatus(409)
    assert.equal(refused.body().errors[0].code, 'tag_in_use')
    assert.deepEqual(await tagsOf(member.id), ['vip'])

    const forced = await client.delete('/api/v1/tags/vip').qs({ force: 1 }).bearerToken(hq.token)
    forced.assertStatus(200)
    assert.equal(forced.body().members_untagged, 1)
    assert.deepEqual(await tagsOf(member.id), [])
    const entry = await AuditLog.query().where('action', 'tag.delete').where('subject_id', String(vip.id)).firstOrFail()
    assert.equal(entry.changes.members_untagged.to, 1)

    ;(await client.delete(`/api/v1/tags/${unused.code}`).bearerToken(hq.token)).assertStatus(200)
    // A rule still gives this one: even force leaves it, so the rule never tags with a missing tag.
    const byRule = await client.delete('/api/v1/tags/ruled').qs({ force: 1 }).bearerToken(hq.token)
    byRule.assertStatus(409)
    assert.equal(byRule.body().errors[0].code, 'tag_used_by_rule')
    assert.equal(await count('tags'), 1)
  })

  test('the tag list counts the members carrying each tag, as each role sees them', async ({ client, assert }) => {
    const store = await StoreFactory.create()
    const guide = await staffWithToken('guide', { store })
    const hq = await staffWithToken('hq')
    const [vip] = await tags('vip', 'quiet')
    const own = await enrol({ ownerStaffId: guide.staff.id })
    const others = [await enrol(), await enrol()]
    for (const m of [own, ...others]) {
      await db.table('member_tags').insert({ member_id: m.id, tag_id: vip.id, source: 'manual', created_at: new Date() })
    }
    const counts = async (token: string) => {
      const response = await client.get('/api/v1/tags').bearerToken(token)
      return Object.fromEntries(response.body().data.map((t: { code: string; members: number }) => [t.code, t.members]))
    }
    assert.deepEqual(await counts(hq.token), { quiet: 0, vip: 3 })
    assert.deepEqual(await counts(guide.token), { quiet: 0, vip: 1 })
  })
})

test.group('Tags: tagging members', (group) => {
  group.each.setup(() => resetState())

  test('a guide tags a member they own; tagging again keeps who tagged first; another guide gets 404', async ({ client, assert }) => {
    const store = await StoreFactory.create()
    const guide = await staffWithToken('guide', { store })
    const otherGuide = await staffWithToken('guide', { store })
    const hq = await staffWithToken('hq')
    await tags('vip', 'coffee_lover')
    const member = await enrol({ ownerStaffId: guide.staff.id })

    const first = await client.post(`/api/v1/members/${member.id}/tags`).bearerToken(guide.token).json({ tag_codes: ['vip'] })
    first.assertStatus(200)
    assert.deepEqual(first.body().added, ['vip'])
    const original = first.body().data.find((t: { code: string }) => t.code === 'vip')
    assert.include(original, { source: 'manual', staff_id: guide.staff.id })

    const second = await client.post(`/api/v1/members/${member.id}/tags`).bearerToken(hq.token).json({ tag_codes: ['vip', 'coffee_lover'] })
    second.assertStatus(200)
    assert.deepEqual(second.body().added, ['coffee_lover'])
    assert.deepEqual(second.body().data.find((t: { code: string }) => t.code === 'vip'), original)

    ;(await client.post(`/api/v1/members/${member.id}/tags`).bearerToken(otherGuide.token).json({ tag_codes: ['vip'] })).assertStatus(404)
    ;(await client.get(`/api/v1/members/${member.id}/tags`).bearerToken(otherGuide.token)).assertStatus(404)
    const unknown = await client.post(`/api/v1/members/${member.id}/tags`).bearerToken(guide.token).json({ tag_codes: ['vip', 'nope'] })
    unknown.assertStatus(422)
    assert.equal(unknown.body().errors[0].field, 'tag_codes.1')

    ;(await client.delete(`/api/v1/members/${member.id}/tags/vip`).bearerToken(guide.token)).assertStatus(204)
    ;(await client.delete(`/api/v1/members/${member.id}/tags/vip`).bearerToken(guide.token)).assertStatus(404)
    assert.deepEqual(await tagsOf(member.id), ['coffee_lover'])
    const untag = await db.from('audit_logs').where('action', 'member.untag').firstOrFail()
    assert.equal(untag.actor_id, guide.staff.id)
  })

  test('bulk tagging tags the members the caller sees and reports the others as skipped', async ({ client, assert }) => {
    const store = await StoreFactory.create()
    const manager = await staffWithToken('manager', { store })
    const guide = await staffWithToken('guide', { store })
    await tags('vip')
    const registeredHere = await enrol({ registerStoreId: store.id })
    const ownedHere = await enrol({ ownerStaffId: guide.staff.id })
    const elsewhere = await enrol()

    const ids = [registeredHere.id, ownedHere.id, elsewhere.id, 999999]
    const first = await client.post('/api/v1/tags/vip/members').bearerToken(manager.token).json({ member_ids: ids })
    first.assertStatus(200)
    assert.deepEqual(first.body(), {
      tagged: 2,
      already_tagged: 0,
      skipped: [
        { member_id: elsewhere.id, reason: 'not_found' },
        { member_id: 999999, reason: 'not_found' },
      ],
    })
    assert.deepEqual(await tagsOf(elsewhere.id), [])
    const again = await client.post('/api/v1/tags/vip/members').bearerToken(manager.token).json({ member_ids: ids.slice(0, 2) })
    assert.include(again.body(), { tagged: 0, already_tagged: 2 })

    const tooMany = Array.from({ length: 1001 }, (_, i) => i + 1)
    ;(await client.post('/api/v1/tags/vip/members').bearerToken(manager.token).json({ member_ids: tooMany })).assertStatus(422)
    ;(await client.post('/api/v1/tags/nope/members').bearerToken(manager.token).json({ member_ids: ids })).assertStatus(404)
  })

  test('HQ tags everyone in a segment, skipping those who carry the tag; {"tag"} then finds them', async ({ client, assert }) => {
    const hq = await staffWithToken('hq')
    const guide = await staffWithToken('guide')
    await tags('vip')
    const rich = await enrol({ pointsBalance: 200 })
    const tagged = await enrol({ pointsBalance: 150, ownerStaffId: guide.staff.id })
    const poor = await enrol({ pointsBalance: 10 })
    await client.post(`/api/v1/members/${tagged.id}/tags`).bearerToken(guide.token).json({ tag_codes: ['vip'] })

    const definition = { attr: 'points_balance', op: 'gte', value: 100 }
    const response = await client.post('/api/v1/tags/vip/segment').bearerToken(hq.token).json({ definition })
    response.assertStatus(200)
    assert.deepEqual(response.body(), { matched: 2, tagged: 1 })
    assert.deepEqual(await tagsOf(rich.id), ['vip'])
    assert.deepEqual(await tagsOf(poor.id), [])
    const kept = await db.from('member_tags').where('member_id', tagged.id).firstOrFail()
    assert.equal(kept.staff_id, guide.staff.id)

    const preview = await client.post('/api/v1/segments/preview').bearerToken(hq.token).json({ definition: { tag: 'vip' } })
    assert.equal(preview.body().count, 2)

    ;(await client.post('/api/v1/tags/vip/segment').bearerToken(guide.token).json({ definition })).assertStatus(403)
    const bad = await client.post('/api/v1/tags/vip/segment').bearerToken(hq.token).json({ definition: { all: [{ attr: 'x', op: 'eq', value: 1 }] } })
    bad.assertStatus(422)
    assert.equal(bad.body().errors[0].field, 'all[0].attr')
    ;(await client.post('/api/v1/tags/nope/segment').bearerToken(hq.token).json({ definition })).assertStatus(404)
  })

  test('a segment too big for one request is tagged by a job that the admin queue page shows', async ({ client, assert, cleanup }) => {
    const admin = await staffWithToken('admin')
    await tags('everyone')
    const tier = await Tier.findByOrFail('code', 'member')
    const now = new Date()
    const size = SYNC_LIMIT + 1
    for (let from = 0; from < size; from += 1000) {
      const rows = Array.from({ length: Math.min(1000, size - from) }, (_, i) => ({
        member_no: `MB${String(from + i).padStart(9, '0')}`,
        register_channel: 'console',
        tier_id: tier.id,
        tier_since: now,
        referral_code: `BIG${from + i}`,
        status: 'active',
        created_at: now,
        updated_at: now,
      }))
      await db.table('members').multiInsert(rows)
    }

    const response = await client.post('/api/v1/tags/everyone/segment').bearerToken(admin.token).json({ definition: { all: [] } })
    response.assertStatus(202)
    assert.equal(response.body().matched, size)
    const waiting = await client.get('/api/v1/admin/queues/tags/jobs').qs({ status: 'waiting' }).bearerToken(admin.token)
    assert.include(waiting.body().data.map((j: { id: string }) => j.id), response.body().job_id)
    assert.equal(await count('member_tags'), 0)

    const queues = await app.container.make(QueueService)
    const events = new QueueEvents(QueueName.Tags, { connection: queueConfig.connection, prefix: queueConfig.prefix })
    const [worker] = queues.work([QueueName.Tags])
    cleanup(async () => {
      await worker.close()
      await events.close()
    })
    await events.waitUntilReady()
    const job = (await queues.queue(QueueName.Tags).getJob(response.body().job_id))!
    await job.waitUntilFinished(events, 20_000)

    assert.equal(await count('member_tags', { source: 'manual', staff_id: admin.staff.id }), size)
    assert.deepEqual((await queues.queue(QueueName.Tags).getJob(job.id!))!.progress, { percent: 100, tagged: size })
  })

  test('merging two members keeps the tags of both; a tag both carry keeps the survivor\'s row', async ({ client, assert }) => {
    const admin = await staffWithToken('admin')
    const guide = await staffWithToken('guide')
    const [vip, coffee] = await tags('vip', 'coffee_lover')
    const survivor = await enrol()
    const merged = await enrol()
    const at = new Date(Date.now() - 86_400_000)
    await db.table('member_tags').multiInsert([
      { member_id: survivor.id, tag_id: vip.id, source: 'manual', staff_id: guide.staff.id, created_at: at },
      { member_id: merged.id, tag_id: vip.id, source: 'rule', source_ref: '7', created_at: new Date() },
      { member_id: merged.id, tag_id: coffee.id, source: 'manual', created_at: new Date() },
    ])

    const response = await client.post('/api/v1/members/merge').bearerToken(admin.token).json({ survivor_id: survivor.id, merged_id: merged.id })
    response.assertStatus(200)
    assert.equal(response.body().moved.member_tags, 1)
    assert.deepEqual(await tagsOf(survivor.id), ['coffee_lover', 'vip'])
    assert.deepEqual(await tagsOf(merged.id), [])
    const kept = await db.from('member_tags').where({ member_id: survivor.id, tag_id: vip.id }).firstOrFail()
    assert.include(kept, { source: 'manual', staff_id: guide.staff.id })
  })
})
