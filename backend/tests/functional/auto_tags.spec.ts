import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import type { Worker } from 'bullmq'
import AutoTagRule from '#models/auto_tag_rule'
import EvaluateAllAutoTagsJob from '#jobs/evaluate_all_auto_tags_job'
import { QueueService } from '#services/queue_service'
import { memberActivity } from '#services/member_activity'
import { QueueName } from '#enums/queue'
import { resetState } from '#tests/helpers/database'
import { staffWithToken } from '#tests/helpers/auth'
import { memberByPhone, pos, postOrder, sale, type Pos } from '#tests/helpers/loyalty'
import { enrol, eventually, tags, tagsOf } from '#tests/helpers/tagging'
import queueConfig from '#config/queue'

const BIG_SPENDER = { all: [{ attr: 'lifetime_spend', op: 'gte', value: '500.00' }] }
const RECENT_BUYER = { purchased: { within_days: 30 } }

async function createRule(client: ApiClient, token: string, body: Record<string, unknown>) {
  const response = await client.post('/api/v1/auto-tag-rules').bearerToken(token).json(body)
  response.assertStatus(201)
  return response.body() as { id: number; status: string }
}

/** Until the tags queue has nothing waiting, delayed or running. */
async function drained(queues: QueueService) {
  await eventually('the tags queue to drain', async () => {
    const counts = await queues.counts(QueueName.Tags)
    return counts.waiting + counts.delayed + counts.active + counts.prioritized === 0
  })
}

test.group('Auto-tag rules: managing them', (group) => {
  group.each.setup(() => resetState())

  test('HQ creates, changes and deletes rules; a bad definition is a 422 naming the path; store roles may not', async ({ client, assert }) => {
    const hq = await staffWithToken('hq')
    const manager = await staffWithToken('manager')
    await tags('big_spender')

    const rule = await createRule(client, hq.token, { name: 'Big spenders', tag_code: 'big_spender', definition: BIG_SPENDER, remove_when_unmatched: true })
    assert.equal(rule.status, 'active')

    const bad = await client
      .post('/api/v1/auto-tag-rules')
      .bearerToken(hq.token)
      .json({ name: 'Bad', tag_code: 'big_spender', definition: { all: [{ attr: 'shoe_size', op: 'eq', value: 42 }] } })
    bad.assertStatus(422)
    assert.deepEqual(bad.body().errors.map((e: { field: string }) => e.field), ['all[0].attr'])
    const noTag = await client.post('/api/v1/auto-tag-rules').bearerToken(hq.token).json({ name: 'X', tag_code: 'nope', definition: BIG_SPENDER })
    noTag.assertStatus(422)
    assert.equal(noTag.body().errors[0].field, 'tag_code')

    const paused = await client.patch(`/api/v1/auto-tag-rules/${rule.id}`).bearerToken(hq.token).json({ status: 'paused' })
    paused.assertStatus(200)
    assert.include(paused.body(), { status: 'paused', tag_code: 'big_spender', remove_when_unmatched: true })
    const badPatch = await client.patch(`/api/v1/auto-tag-rules/${rule.id}`).bearerToken(hq.token).json({ definition: { any: [{ attr: 'tier', op: 'about' }] } })
    badPatch.assertStatus(422)
    assert.equal(badPatch.body().errors[0].field, 'any[0].op')

    ;(await client.get('/api/v1/auto-tag-rules').bearerToken(manager.token)).assertStatus(403)
    ;(await client.post('/api/v1/auto-tag-rules').bearerToken(manager.token).json({ name: 'M', tag_code: 'big_spender', definition: BIG_SPENDER })).assertStatus(403)
    const list = await client.get('/api/v1/auto-tag-rules').bearerToken(hq.token)
    assert.equal(list.body().meta.total, 1)

    ;(await client.delete(`/api/v1/auto-tag-rules/${rule.id}`).bearerToken(hq.token)).assertStatus(204)
    ;(await client.get(`/api/v1/auto-tag-rules/${rule.id}/hits`).bearerToken(hq.token)).assertStatus(404)
  })

  test('a burst of activity for one member queues a single evaluation', async ({ assert }) => {
    const queues = await app.container.make(QueueService)
    const member = await enrol()
    for (let i = 0; i < 5; i++) await memberActivity([member.id], 'order')
    await memberActivity([member.id + 1], 'order')
    const jobs = await queues.queue(QueueName.Tags).getJobs(['delayed', 'waiting'])
    assert.deepEqual(jobs.map((job) => job.data.member_ids).sort(), [String(member.id), String(member.id + 1)])
  })
})

test.group('Auto-tag rules: evaluation', (group) => {
  let till: Pos
  let hq: Awaited<ReturnType<typeof staffWithToken>>
  let queues: QueueService
  let worker: Worker
  group.each.setup(async () => {
    await resetState()
    till = await pos()
    hq = await staffWithToken('hq')
    queues = await app.container.make(QueueService)
    ;[worker] = queues.work([QueueName.Tags])
    return () => worker.close()
  })

  test('an auto-tag rule tags a member within seconds of the order that makes them match; a paused rule does nothing', async ({ client, assert }) => {
    await tags('big_spender', 'coffee_fan')
    const rule = await createRule(client, hq.token, { name: 'Big spenders', tag_code: 'big_spender', definition: BIG_SPENDER })
    await createRule(client, hq.token, { name: 'Coffee fans', tag_code: 'coffee_fan', definition: { purchased: { category: 'coffee' } }, status: 'paused' })
    await drained(queues)

    ;(await postOrder(client, till, sale('100.00'))).assertStatus(201)
    const started = Date.now()
    ;(await postOrder(client, till, sale('450.00'))).assertStatus(201)
    const member = await memberByPhone()
    await eventually('the big_spender tag', async () => (await tagsOf(member.id)).includes('big_spender'), 5000)
    assert.isBelow(Date.now() - started, 5000)
    // The same run evaluated every active rule: the paused one (which matches) gave nothing.
    assert.deepEqual(await tagsOf(member.id), ['big_spender'])

    const memberTags = await client.get(`/api/v1/members/${member.id}/tags`).bearerToken(hq.token)
    assert.include(memberTags.body().data[0], { code: 'big_spender', source: 'rule', source_ref: String(rule.id), staff_id: null })
    const hits = await client.get(`/api/v1/auto-tag-rules/${rule.id}/hits`).bearerToken(hq.token)
    hits.assertStatus(200)
    assert.equal(hits.body().meta.total, 1)
    assert.include(hits.body().data[0], { member_id: member.id, action: 'added', trigger: 'order' })
    assert.equal(hits.body().data[0].member.member_no, member.memberNo)
  })

  test('a rule set to remove its tag takes it back when the member stops matching, never a tag given by hand', async ({ client, assert }) => {
    await tags('recent_buyer', 'ever_bought')
    const rule = await createRule(client, hq.token, { name: 'Recent', tag_code: 'recent_buyer', definition: RECENT_BUYER, remove_when_unmatched: true })
    await createRule(client, hq.token, { name: 'Ever', tag_code: 'ever_bought', definition: RECENT_BUYER })
    const byHand = await enrol()
    ;(await client.post(`/api/v1/members/${byHand.id}/tags`).bearerToken(hq.token).json({ tag_codes: ['recent_buyer'] })).assertStatus(200)
    await drained(queues)

    const order = sale('28.00')
    ;(await postOrder(client, till, order)).assertStatus(201)
    const buyer = await memberByPhone()
    await eventually('both rule tags', async () => (await tagsOf(buyer.id)).length === 2)

    // A full return: the member no longer bought anything in the last 30 days.
    const refund = { ...sale('28.00'), type: 'return', original_order_no: order.order_no }
    ;(await postOrder(client, till, refund)).assertStatus(201)
    await eventually('recent_buyer taken back', async () => !(await tagsOf(buyer.id)).includes('recent_buyer'))
    assert.deepEqual(await tagsOf(buyer.id), ['ever_bought']) // that rule does not remove

    // The nightly run over everyone leaves the tag given by hand alone.
    await new EvaluateAllAutoTagsJob().handle({})
    assert.deepEqual(await tagsOf(byHand.id), ['recent_buyer'])

    const hits = await client.get(`/api/v1/auto-tag-rules/${rule.id}/hits`).bearerToken(hq.token)
    assert.deepEqual(
      hits.body().data.map((h: { member_id: number; action: string; trigger: string }) => [h.member_id, h.action, h.trigger]),
      [
        [buyer.id, 'removed', 'order'],
        [buyer.id, 'added', 'order'],
      ]
    )
  })

  test('an order still succeeds while Redis is down, and the nightly run tags the member', async ({ client, assert, cleanup }) => {
    await tags('big_spender')
    const rule = await createRule(client, hq.token, { name: 'Big spenders', tag_code: 'big_spender', definition: BIG_SPENDER })
    await drained(queues)

    // Producers now reach a Redis that is not there.
    const down = new QueueService({ ...queueConfig, connection: { ...queueConfig.connection, port: 1 } }, logger)
    app.container.swap(QueueService, () => down)
    cleanup(async () => {
      app.container.restore(QueueService)
      await down.close()
    })
    const started = Date.now()
    ;(await postOrder(client, till, sale('600.00'))).assertStatus(201)
    assert.isBelow(Date.now() - started, 3000)
    app.container.restore(QueueService)

    const member = await memberByPhone()
    assert.deepEqual(await tagsOf(member.id), [])
    await new EvaluateAllAutoTagsJob().handle({})
    assert.deepEqual(await tagsOf(member.id), ['big_spender'])
    const hit = await client.get(`/api/v1/auto-tag-rules/${rule.id}/hits`).bearerToken(hq.token)
    assert.include(hit.body().data[0], { member_id: member.id, action: 'added', trigger: 'nightly' })
    assert.isNotNull((await AutoTagRule.findOrFail(rule.id)).lastRunAt)
  })
})
