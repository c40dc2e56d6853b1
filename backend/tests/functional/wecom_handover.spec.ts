import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import type { Worker } from 'bullmq'
import type { Simulator } from '@rapport/wecom/simulator'
import AuditLog from '#models/audit_log'
import Member from '#models/member'
import MemberIdentity from '#models/member_identity'
import type Store from '#models/store'
import WecomContact from '#models/wecom_contact'
import WecomFollow from '#models/wecom_follow'
import WecomGroup from '#models/wecom_group'
import PollWecomHandoversJob from '#jobs/poll_wecom_handovers_job'
import { IdentityType } from '#enums/loyalty'
import { StaffStatus } from '#enums/staff'
import type { QueueService } from '#services/queue_service'
import { StoreFactory } from '#database/factories/organisation'
import { resetState } from '#tests/helpers/database'
import { staffWithToken } from '#tests/helpers/auth'
import { enrol, eventually } from '#tests/helpers/tagging'
import { startSimulator, wecomDrained, wecomWorker } from '#tests/helpers/wecom'

const HANDOVERS = '/api/v1/wecom/handovers'

test.group('WeCom handover', (group) => {
  let simulator: Simulator
  let queues: QueueService
  let worker: Worker
  let store: Store
  group.each.setup(async () => {
    await resetState()
    store = await StoreFactory.create()
    simulator = await startSimulator()
    ;({ queues, worker } = await wecomWorker())
    return async () => {
      await worker.close()
      await simulator.close()
    }
  })

  /** A guide of `store` with a WeCom account, known to the simulator too. */
  async function wecomGuide(userid: string | null, options: { store?: Store } = {}) {
    const guide = await staffWithToken('guide', { store: options.store ?? store })
    guide.staff.wecomUserId = userid
    await guide.staff.save()
    if (userid) simulator.addStaff({ userid, name: guide.staff.name })
    return guide.staff
  }

  /** A customer who adds the guide in WeCom; with a unionid, bound to a member the guide owns. */
  async function customer(userid: string, name: string, options: { unionid?: string; ownerStaffId?: number } = {}) {
    const member = options.unionid ? await enrol({ ownerStaffId: options.ownerStaffId ?? null }) : null
    if (member) await MemberIdentity.create({ memberId: member.id, type: IdentityType.Unionid, value: options.unionid! })
    const { external_userid: externalUserid } = await simulator.customerAdds({ userid, name, unionid: options.unionid })
    await wecomDrained(queues)
    return { externalUserid, member }
  }

  async function handover(client: ApiClient, token: string, id: number) {
    const response = await client.get(`${HANDOVERS}/${id}`).bearerToken(token)
    response.assertStatus(200)
    return response.body()
  }

  test('on the job: the customers wait for WeCom, then move to the takeover with the owning guide of bound members', async ({ client, assert }) => {
    const manager = await staffWithToken('manager', { store })
    const from = await wecomGuide('guide_a1')
    const to = await wecomGuide('guide_a2')
    const bound = await customer('guide_a1', 'Mei', { unionid: 'oUnion-1', ownerStaffId: from.id })
    const plain = await customer('guide_a1', 'Wen')

    const created = await client
      .post(HANDOVERS)
      .bearerToken(manager.token)
      .json({ kind: 'onjob', handover_staff_id: from.id, takeover_staff_id: to.id })
    created.assertStatus(202)
    const id = created.body().id
    assert.equal(created.body().status, 'running')
    assert.deepEqual(created.body().handover_staff, { id: from.id, name: from.name })
    assert.sameDeepMembers(
      created.body().items.map((item: { external_userid: string; contact_name: string }) => [item.external_userid, item.contact_name]),
      [[bound.externalUserid, 'Mei'], [plain.externalUserid, 'Wen']]
    )

    await eventually('WeCom accepted both transfers', async () => {
      const body = await handover(client, manager.token, id)
      return body.items.every((item: { status: string }) => item.status === 'waiting')
    })
    assert.sameDeepMembers(simulator.state.transfers.map((transfer) => [transfer.kind, transfer.external_userid, transfer.status]), [
      ['onjob', bound.externalUserid, 2],
      ['onjob', plain.externalUserid, 2],
    ])

    await simulator.completeTransfers()
    await queues.dispatch(PollWecomHandoversJob, {})
    await eventually('the handover is done', async () => (await handover(client, manager.token, id)).status === 'done')
    const done = await handover(client, manager.token, id)
    assert.deepEqual(done.counts, { waiting: 0, done: 2, refused: 0, failed: 0 })
    assert.isTrue(done.items.every((item: { status: string; errcode: number | null }) => item.status === 'done' && item.errcode === null))

    const contact = await WecomContact.findByOrFail('externalUserid', bound.externalUserid)
    const follows = await WecomFollow.query().where('contactId', contact.id)
    assert.deepEqual(
      follows.map((follow) => [follow.wecomUserid, follow.staffId, follow.status]),
      [['guide_a2', to.id, 'active']]
    )
    assert.equal((await Member.findOrFail(bound.member!.id)).ownerStaffId, to.id)
    assert.exists(await AuditLog.query().where('action', 'wecom.handover.create').where('subject_id', String(id)).first())
    assert.exists(await AuditLog.query().where('action', 'wecom.handover.finish').where('subject_id', String(id)).first())

    const list = await client.get(HANDOVERS).bearerToken(manager.token)
    list.assertStatus(200)
    assert.deepEqual(list.body().data.map((row: { id: number }) => row.id), [id])
    assert.equal(list.body().meta.total, 1)
  }).timeout(30_000)

  test('a refused transfer and one over the takeover\'s limit are marked from WeCom\'s transfer_fail callbacks', async ({ client, assert }) => {
    const hq = await staffWithToken('hq')
    const from = await wecomGuide('guide_a1')
    const to = await wecomGuide('guide_a2')
    const refusing = await customer('guide_a1', 'Mei')
    const overLimit = await customer('guide_a1', 'Wen')

    const created = await client.post(HANDOVERS).bearerToken(hq.token).json({ kind: 'onjob', handover_staff_id: from.id, takeover_staff_id: to.id })
    created.assertStatus(202)
    const id = created.body().id
    await eventually('WeCom accepted both transfers', async () => (await handover(client, hq.token, id)).counts.waiting === 2 && simulator.state.transfers.length === 2)

    await simulator.completeTransfers({ refuse: [refusing.externalUserid], limit: [overLimit.externalUserid] })
    await eventually('the handover is done', async () => (await handover(client, hq.token, id)).status === 'done')
    const body = await handover(client, hq.token, id)
    assert.deepEqual(body.counts, { waiting: 0, done: 0, refused: 1, failed: 1 })
    const status = Object.fromEntries(body.items.map((item: { external_userid: string; status: string }) => [item.external_userid, item.status]))
    assert.deepEqual(status, { [refusing.externalUserid]: 'refused', [overLimit.externalUserid]: 'limit' })
  }).timeout(30_000)

  test('a resigned guide: customers and groups move to the takeover, with WeCom\'s answer per item', async ({ client, assert }) => {
    const hq = await staffWithToken('hq')
    const from = await wecomGuide('guide_a1')
    const to = await wecomGuide('guide_a2')
    const mei = await customer('guide_a1', 'Mei', { unionid: 'oUnion-1', ownerStaffId: from.id })
    const { chat_id: chatId } = await simulator.createGroup({ owner: 'guide_a1', name: 'VIP club', members: [{ external_userid: mei.externalUserid }] })
    await wecomDrained(queues)
    assert.equal((await WecomGroup.findByOrFail('chatId', chatId)).ownerUserid, 'guide_a1')

    // Not resigned yet: a resigned handover is refused, naming the field.
    const early = await client
      .post(HANDOVERS)
      .bearerToken(hq.token)
      .json({ kind: 'resigned', handover_staff_id: from.id, takeover_staff_id: to.id, include_groups: true })
    early.assertStatus(422)
    assert.deepInclude(early.body().errors[0], { field: 'handover_staff_id', code: 'not_resigned' })

    from.status = StaffStatus.Resigned
    await from.save()
    simulator.staffResigns('guide_a1')
    const created = await client
      .post(HANDOVERS)
      .bearerToken(hq.token)
      .json({ kind: 'resigned', handover_staff_id: from.id, takeover_staff_id: to.id, external_userids: [mei.externalUserid, 'wm_not_a_customer'], include_groups: true })
    created.assertStatus(202)
    const id = created.body().id

    await eventually('the group moved', async () => (await WecomGroup.findByOrFail('chatId', chatId)).ownerStaffId === to.id)
    assert.equal(simulator.state.group(chatId)!.owner, 'guide_a2')
    // Resigned transfers complete at WeCom on their own (the simulator: after a second).
    await eventually('WeCom finished the transfer', async () => simulator.state.transfers.some((transfer) => transfer.status === 1))
    await queues.dispatch(PollWecomHandoversJob, {})
    await eventually('the handover is done', async () => (await handover(client, hq.token, id)).status === 'done', 10_000)

    const body = await handover(client, hq.token, id)
    const byTarget = Object.fromEntries(
      body.items.map((item: { external_userid: string | null; chat_id: string | null; status: string; errcode: number | null }) => [
        item.external_userid ?? item.chat_id,
        [item.status, item.errcode],
      ])
    )
    assert.deepEqual(byTarget, { [mei.externalUserid]: ['done', null], wm_not_a_customer: ['failed', 40096], [chatId]: ['done', null] })
    assert.equal((await Member.findOrFail(mei.member!.id)).ownerStaffId, to.id)
  }).timeout(30_000)

  test('a store manager hands over only within their store (403); guides not at all; other stores\' handovers are not found', async ({ client, assert }) => {
    const manager = await staffWithToken('manager', { store })
    const otherStore = await StoreFactory.create()
    const otherManager = await staffWithToken('manager', { store: otherStore })
    const mine = await wecomGuide('guide_a1')
    const colleague = await wecomGuide('guide_a2')
    const theirs = await wecomGuide('guide_b1', { store: otherStore })
    await customer('guide_b1', 'Mei')
    await customer('guide_a1', 'Wen')

    const foreign = await client.post(HANDOVERS).bearerToken(manager.token).json({ kind: 'onjob', handover_staff_id: theirs.id, takeover_staff_id: mine.id })
    foreign.assertStatus(403)
    const guide = await staffWithToken('guide', { store })
    ;(await client.post(HANDOVERS).bearerToken(guide.token).json({ kind: 'onjob', handover_staff_id: mine.id, takeover_staff_id: colleague.id })).assertStatus(403)
    ;(await client.get(HANDOVERS).bearerToken(guide.token)).assertStatus(403)

    const created = await client.post(HANDOVERS).bearerToken(manager.token).json({ kind: 'onjob', handover_staff_id: mine.id, takeover_staff_id: colleague.id })
    created.assertStatus(202)
    ;(await client.get(`${HANDOVERS}/${created.body().id}`).bearerToken(otherManager.token)).assertStatus(404)
    const list = await client.get(HANDOVERS).bearerToken(otherManager.token)
    assert.deepEqual(list.body().data, [])
  }).timeout(30_000)

  test('bad handovers answer 422 naming the field', async ({ client, assert }) => {
    const hq = await staffWithToken('hq')
    const from = await wecomGuide('guide_a1')
    const to = await wecomGuide('guide_a2')
    const noAccount = await wecomGuide(null)
    const idle = await wecomGuide('guide_idle')
    await customer('guide_a1', 'Mei')

    const post = (body: Record<string, unknown>) => client.post(HANDOVERS).bearerToken(hq.token).json(body)
    const fields = async (body: Record<string, unknown>) => {
      const response = await post(body)
      response.assertStatus(422)
      return response.body().errors.map((error: { field: string; code: string }) => [error.field, error.code])
    }

    assert.sameMembers(
      (await fields({})).map(([field]: string[]) => field),
      ['kind', 'handover_staff_id', 'takeover_staff_id']
    )
    assert.deepEqual(await fields({ kind: 'onjob', handover_staff_id: from.id, takeover_staff_id: from.id }), [['takeover_staff_id', 'different']])
    assert.deepEqual(await fields({ kind: 'onjob', handover_staff_id: 999_999, takeover_staff_id: to.id }), [['handover_staff_id', 'exists']])
    assert.deepEqual(await fields({ kind: 'onjob', handover_staff_id: from.id, takeover_staff_id: noAccount.id }), [['takeover_staff_id', 'no_wecom_account']])
    assert.deepEqual(await fields({ kind: 'onjob', handover_staff_id: idle.id, takeover_staff_id: to.id }), [['handover_staff_id', 'nothing_to_hand_over']])

    to.status = StaffStatus.Resigned
    await to.save()
    assert.deepEqual(await fields({ kind: 'onjob', handover_staff_id: from.id, takeover_staff_id: to.id }), [['takeover_staff_id', 'not_active']])
    assert.lengthOf(await AuditLog.query().where('action', 'wecom.handover.create'), 0)
  })
})
