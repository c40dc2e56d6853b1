import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import type { Worker } from 'bullmq'
import db from '@adonisjs/lucid/services/db'
import { io as connect, type Socket } from 'socket.io-client'
import type { Simulator } from '@rapport/wecom/simulator'
import env from '#start/env'
import wecomConfig from '#config/wecom'
import RunSync from '#actions/wecom/run_sync'
import WecomContact from '#models/wecom_contact'
import WecomFollow from '#models/wecom_follow'
import WecomGroup from '#models/wecom_group'
import WecomSyncRun from '#models/wecom_sync_run'
import type { QueueService } from '#services/queue_service'
import { resetState } from '#tests/helpers/database'
import { staffWithToken } from '#tests/helpers/auth'
import { eventually } from '#tests/helpers/tagging'
import { startSimulator, wecomDrained, wecomWorker } from '#tests/helpers/wecom'

type Run = {
  id: number
  kind: string
  status: string
  phase: string | null
  progress: { done: number; total: number }
  summary: Record<'contacts' | 'groups' | 'tags', { created: number; updated: number; unchanged: number; removed: number }>
  error: string | null
}

/** The tables a sync writes, as checksums: equal checksums, nothing written. */
async function checksums() {
  const tables = ['wecom_contacts', 'wecom_follows', 'wecom_groups', 'wecom_group_members', 'wecom_group_changes', 'members', 'member_identities']
  const [rows] = await db.rawQuery(`CHECKSUM TABLE ${tables.join(', ')}`)
  return Object.fromEntries(rows.map((row: { Table: string; Checksum: number }) => [row.Table, row.Checksum]))
}

async function runOf(client: ApiClient, token: string, id: number): Promise<Run> {
  const response = await client.get(`/api/v1/wecom/syncs/${id}`).bearerToken(token)
  response.assertStatus(200)
  return response.body()
}

/** Polls the run, as the console does (less often than the API's rate limit allows), until it has finished. */
async function finished(client: ApiClient, token: string, id: number, timeoutMs = 120_000): Promise<Run> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const run = await runOf(client, token, id)
    if (run.status === 'done' || run.status === 'failed') return run
    if (Date.now() > deadline) throw new Error(`Sync ${id} still ${run.status} after ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

/** Polls the run until `check` holds. */
async function until(client: ApiClient, token: string, id: number, what: string, check: (run: Run) => boolean, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const run = await runOf(client, token, id)
    if (check(run)) return run
    if (Date.now() > deadline) throw new Error(`Still waiting after ${timeoutMs} ms for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

async function startSync(client: ApiClient, token: string, kind: 'full' | 'incremental'): Promise<Run> {
  const response = await client.post('/api/v1/wecom/syncs').bearerToken(token).json({ kind })
  response.assertStatus(202)
  return response.body()
}

/** The admin's console socket, recording every `wecom:sync` event with when it arrived. */
async function listen(token: string) {
  const socket: Socket = connect(`http://${env.get('HOST')}:${env.get('PORT')}/console`, {
    path: '/socket.io',
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
  })
  await new Promise((resolve) => socket.once('session:ready', resolve))
  const events: { at: number; run: Run }[] = []
  socket.on('wecom:sync', (run: Run) => events.push({ at: Date.now(), run }))
  return { socket, events }
}

test.group('WeCom sync', (group) => {
  let simulator: Simulator
  let queues: QueueService
  let worker: Worker
  group.each.setup(async () => {
    await resetState()
    simulator = await startSimulator()
    ;({ queues, worker } = await wecomWorker())
    return async () => {
      await worker.close()
      await simulator.close()
    }
  })

  /** Changes in WeCom whose callbacks never reach Rapport: only a sync can find them. */
  async function quietly<T>(work: () => Promise<T>): Promise<T> {
    simulator.setCallback(null)
    try {
      return await work()
    } finally {
      simulator.setCallback({
        url: `http://${env.get('HOST')}:${env.get('PORT')}/api/v1/integrations/wecom/callback`,
        token: wecomConfig.callbackToken,
        encodingAesKey: wecomConfig.encodingAesKey,
      })
    }
  }

  test('a full sync of 10,000 contacts completes with progress up to the total; a second one changes nothing', async ({ client, assert, cleanup }) => {
    const admin = await staffWithToken('admin')
    const { socket, events } = await listen(admin.token)
    cleanup(() => void socket.close())
    simulator.seedContacts(10_000, { userids: ['guide_a', 'guide_b', 'guide_c'] })
    await quietly(async () => {
      await simulator.createGroup({ owner: 'guide_a', name: 'Morning runners', members: [{ external_userid: 'wmseed000001' }, { external_userid: 'wmseed000004' }] })
      await simulator.createGroup({ owner: 'guide_b', name: 'Tea lovers', members: [{ external_userid: 'wmseed000002' }] })
    })

    const queued = await startSync(client, admin.token, 'full')
    assert.equal(queued.status, 'queued')
    assert.equal(queued.kind, 'full')
    const run = await finished(client, admin.token, queued.id)
    assert.equal(run.status, 'done', run.error ?? undefined)
    assert.isAbove(run.progress.total, 10_000)
    assert.equal(run.progress.done, run.progress.total)
    assert.deepEqual(run.summary.contacts, { created: 10_000, updated: 0, unchanged: 0, removed: 0 })
    assert.deepEqual(run.summary.groups, { created: 2, updated: 0, unchanged: 0, removed: 0 })
    assert.equal(Number((await WecomContact.query().count('* as n'))[0].$extras.n), 10_000)
    assert.equal(Number((await WecomFollow.query().where('status', 'active').count('* as n'))[0].$extras.n), 10_000)
    const runners = await WecomGroup.findByOrFail('name', 'Morning runners')
    assert.equal(Number((await db.from('wecom_group_members').where('group_id', runners.id).count('* as n'))[0].n), 3)

    // The console heard it: progress only ever rose, at most every 500 ms, and ended at the total.
    await eventually('the last progress event', async () => events.at(-1)?.run.status === 'done')
    const mine = events.filter((event) => event.run.id === queued.id)
    assert.isAbove(mine.length, 1)
    for (let i = 1; i < mine.length; i++) {
      assert.isAtLeast(mine[i].run.progress.done, mine[i - 1].run.progress.done)
      assert.isAtLeast(mine[i].at - mine[i - 1].at, 400, 'events closer than 500 ms')
    }
    assert.equal(mine.at(-1)!.run.progress.done, mine.at(-1)!.run.progress.total)

    const before = await checksums()
    const again = await finished(client, admin.token, (await startSync(client, admin.token, 'full')).id)
    assert.equal(again.status, 'done', again.error ?? undefined)
    assert.deepEqual(again.summary.contacts, { created: 0, updated: 0, unchanged: 10_000, removed: 0 })
    assert.deepEqual(again.summary.groups, { created: 0, updated: 0, unchanged: 2, removed: 0 })
    assert.deepEqual(await checksums(), before)

    const list = await client.get('/api/v1/wecom/syncs').bearerToken(admin.token)
    list.assertStatus(200)
    assert.deepEqual(list.body().data.map((r: Run) => r.id), [again.id, queued.id])
  }).timeout(300_000)

  test('only admin and HQ start syncs, one at a time: another request meanwhile is a 409', async ({ client, assert }) => {
    const hq = await staffWithToken('hq')
    const guide = await staffWithToken('guide')
    const manager = await staffWithToken('manager')
    simulator.seedContacts(300, { userids: ['guide_a'] })
    simulator.faults.delay(20)

    ;(await client.post('/api/v1/wecom/syncs').bearerToken(guide.token).json({ kind: 'full' })).assertStatus(403)
    ;(await client.post('/api/v1/wecom/syncs').bearerToken(manager.token).json({ kind: 'full' })).assertStatus(403)
    ;(await client.get('/api/v1/wecom/syncs').bearerToken(guide.token)).assertStatus(403)
    ;(await client.post('/api/v1/wecom/syncs').bearerToken(hq.token).json({ kind: 'everything' })).assertStatus(422)

    const [first, second] = await Promise.all([
      client.post('/api/v1/wecom/syncs').bearerToken(hq.token).json({ kind: 'full' }),
      client.post('/api/v1/wecom/syncs').bearerToken(hq.token).json({ kind: 'incremental' }),
    ])
    assert.sameMembers([first.status(), second.status()], [202, 409])
    const conflict = first.status() === 409 ? first : second
    assert.equal(conflict.body().errors[0].code, 'sync_running')
    const started: Run = (first.status() === 202 ? first : second).body()
    const busy = await client.post('/api/v1/wecom/syncs').bearerToken(hq.token).json({ kind: 'full' })
    busy.assertStatus(409)

    simulator.faults.delay(0)
    assert.equal((await finished(client, hq.token, started.id)).status, 'done')
    assert.equal(await WecomSyncRun.query().count('* as n').then((rows) => Number(rows[0].$extras.n)), 1)
    ;(await client.get('/api/v1/wecom/syncs/999999').bearerToken(hq.token)).assertStatus(404)
  }).timeout(60_000)

  test('tokens expiring in the middle of a sync are renewed and the sync goes on', async ({ client, assert }) => {
    const admin = await staffWithToken('admin')
    simulator.seedContacts(2000, { userids: ['guide_a', 'guide_b'] })
    simulator.faults.delay(15)
    const { id } = await startSync(client, admin.token, 'full')
    await until(client, admin.token, id, 'the sync to be fetching contacts', (run) => run.phase === 'contacts')
    const tokensBefore = simulator.state.tokensIssued
    simulator.faults.expireTokens()
    simulator.faults.delay(0)

    const run = await finished(client, admin.token, id)
    assert.equal(run.status, 'done', run.error ?? undefined)
    assert.equal(run.summary.contacts.created, 2000)
    assert.isAbove(simulator.state.tokensIssued, tokensBefore)
    assert.isTrue(simulator.state.requests.some((request) => request.errcode === 42001))
  }).timeout(60_000)

  test('WeCom\'s frequency limit (45009) is waited out and the sync completes', async ({ client, assert }) => {
    const admin = await staffWithToken('admin')
    simulator.seedContacts(500, { userids: ['guide_a'] })
    simulator.faults.failNext('/cgi-bin/externalcontact/batch/get_by_user', 45009, 2)
    simulator.faults.failNext('/cgi-bin/externalcontact/groupchat/list', 45009, 1)

    const run = await finished(client, admin.token, (await startSync(client, admin.token, 'full')).id)
    assert.equal(run.status, 'done', run.error ?? undefined)
    assert.equal(run.summary.contacts.created, 500)
    assert.equal(simulator.state.requests.filter((request) => request.errcode === 45009).length, 3)
  }).timeout(60_000)

  test('a sync failed by a WeCom outage resumes from its checkpoint when started again', async ({ client, assert }) => {
    const admin = await staffWithToken('admin')
    simulator.seedContacts(1000, { userids: ['guide_a', 'guide_b'] })
    simulator.faults.delay(20)
    const first = await startSync(client, admin.token, 'full')
    await until(client, admin.token, first.id, 'some contacts to be stored', (run) => run.summary.contacts.created >= 200)
    // WeCom is "down": every call answers system busy, more often than the client retries.
    simulator.faults.failNext('*', -1, 1_000_000)
    const failed = await finished(client, admin.token, first.id)
    assert.equal(failed.status, 'failed')
    assert.isString(failed.error)
    const storedBefore = Number((await WecomContact.query().count('* as n'))[0].$extras.n)
    assert.isBelow(storedBefore, 1000)

    simulator.faults.reset()
    const resumed = await startSync(client, admin.token, 'full')
    assert.notEqual(resumed.id, first.id)
    assert.equal(resumed.phase, 'contacts')
    assert.isAtLeast(resumed.progress.done, failed.progress.done)
    const requestsBefore = simulator.state.requests.length
    const run = await finished(client, admin.token, resumed.id)
    assert.equal(run.status, 'done', run.error ?? undefined)
    assert.equal(run.summary.contacts.created, 1000)
    assert.equal(run.progress.done, run.progress.total)
    // It went on from where the first stopped: no second look at the follow users' lists.
    const calls = simulator.state.requests.slice(requestsBefore).map((request) => request.path)
    assert.notInclude(calls, 'externalcontact/get_follow_user_list')
    assert.isBelow(calls.filter((path) => path === 'externalcontact/batch/get_by_user').length, 10)

    // The first run's own retry later finds it superseded and leaves it be.
    await new RunSync().handle(first.id)
    assert.equal((await runOf(client, admin.token, first.id)).status, 'failed')
  }).timeout(90_000)

  test('an incremental sync fetches only contacts and groups we lack, and ends what WeCom no longer lists', async ({ client, assert }) => {
    const admin = await staffWithToken('admin')
    const [first, second] = simulator.seedContacts(50, { userids: ['guide_a', 'guide_b'] })
    const { chat_id: kept } = await quietly(() => simulator.createGroup({ owner: 'guide_a', name: 'Kept', members: [{ external_userid: first }] }))
    const { chat_id: gone } = await quietly(() => simulator.createGroup({ owner: 'guide_a', name: 'Gone', members: [] }))
    assert.equal((await finished(client, admin.token, (await startSync(client, admin.token, 'full')).id)).status, 'done')
    await wecomDrained(queues)

    // While callbacks were not arriving: a new customer, one deleted by their guide, a new group, one dismissed.
    const added = await quietly(() => simulator.customerAdds({ userid: 'guide_a', name: 'Newcomer' }))
    await quietly(() => simulator.staffDeletes('guide_b', second))
    const { chat_id: fresh } = await quietly(() => simulator.createGroup({ owner: 'guide_b', name: 'Fresh', members: [{ external_userid: first }] }))
    await quietly(() => simulator.dismissGroup(gone))
    const requestsBefore = simulator.state.requests.length

    const run = await finished(client, admin.token, (await startSync(client, admin.token, 'incremental')).id)
    assert.equal(run.status, 'done', run.error ?? undefined)
    assert.equal(run.progress.done, run.progress.total)
    assert.include(run.summary.contacts, { created: 1, removed: 1 })
    assert.include(run.summary.groups, { created: 1, removed: 1 })

    const calls = simulator.state.requests.slice(requestsBefore).map((request) => request.path)
    assert.deepEqual(calls.filter((path) => path === 'externalcontact/get').length, 1)
    assert.notInclude(calls, 'externalcontact/batch/get_by_user')
    assert.deepEqual(calls.filter((path) => path === 'externalcontact/groupchat/get').length, 1)

    const newcomer = await WecomContact.findByOrFail('externalUserid', added.external_userid)
    assert.equal(newcomer.name, 'Newcomer')
    const deleted = await WecomContact.findByOrFail('externalUserid', second)
    assert.equal(deleted.status, 'lost')
    const follow = await WecomFollow.query().where('contactId', deleted.id).firstOrFail()
    assert.equal(follow.status, 'deleted_by_staff')
    assert.isNotNull(follow.deletedAt)
    assert.equal((await WecomGroup.findByOrFail('chatId', gone)).status, 'dismissed')
    assert.equal((await WecomGroup.findByOrFail('chatId', fresh)).status, 'active')
    assert.equal((await WecomGroup.findByOrFail('chatId', kept)).status, 'active')
  }).timeout(90_000)
})
