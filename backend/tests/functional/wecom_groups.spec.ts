import { test } from '@japa/runner'
import type { Worker } from 'bullmq'
import type { Simulator } from '@rapport/wecom/simulator'
import MemberIdentity from '#models/member_identity'
import WecomGroup from '#models/wecom_group'
import WecomGroupMember from '#models/wecom_group_member'
import { IdentityType } from '#enums/loyalty'
import type { QueueService } from '#services/queue_service'
import { StoreFactory } from '#database/factories/organisation'
import { resetState } from '#tests/helpers/database'
import { staffWithToken } from '#tests/helpers/auth'
import { enrol } from '#tests/helpers/tagging'
import { startSimulator, wecomStaff, wecomDrained, wecomWorker } from '#tests/helpers/wecom'

type HistoryEntry = { change: string; detail: Record<string, any>; at: string }

test.group('WeCom groups: callbacks', (group) => {
  let simulator: Simulator
  let queues: QueueService
  let worker: Worker | undefined
  group.each.setup(async () => {
    await resetState()
    simulator = await startSimulator()
    ;({ queues, worker } = await wecomWorker())
    return async () => {
      await worker?.close()
      await simulator.close()
    }
  })

  test('a group created in WeCom arrives with its members, bound to members and staff, and a create entry', async ({ client, assert }) => {
    const guide = await wecomStaff(simulator, 'guide', 'guide_lin')
    const member = await enrol({ name: 'Mei' })
    await MemberIdentity.create({ memberId: member.id, type: IdentityType.Unionid, value: 'oUnion-g1' })

    const { chat_id: chatId } = await simulator.createGroup({
      owner: 'guide_lin',
      name: 'Tea salon',
      notice: 'Saturdays at 3',
      members: [
        { external_userid: 'wmMei', name: 'Mei', unionid: 'oUnion-g1' },
        { external_userid: 'wmWang', name: 'Wang' },
      ],
    })
    await wecomDrained(queues)

    const list = await client.get('/api/v1/wecom/groups').bearerToken(guide.token)
    list.assertStatus(200)
    assert.equal(list.body().meta.total, 1)
    const listed = list.body().data[0]
    assert.include(listed, { chat_id: chatId, name: 'Tea salon', notice: 'Saturdays at 3', status: 'active', member_count: 3, bound_member_count: 1 })
    assert.deepEqual(listed.owner, { wecom_userid: 'guide_lin', staff: { id: guide.staff.id, name: guide.staff.name } })

    const detail = await client.get(`/api/v1/wecom/groups/${listed.id}`).bearerToken(guide.token)
    detail.assertStatus(200)
    const byUserid = Object.fromEntries(detail.body().members.map((m: any) => [m.userid, m]))
    assert.sameMembers(Object.keys(byUserid), ['guide_lin', 'wmMei', 'wmWang'])
    assert.equal(byUserid.guide_lin.type, 'staff')
    assert.equal(byUserid.guide_lin.staff_id, guide.staff.id)
    assert.deepEqual(byUserid.wmMei.member, { id: member.id, name: 'Mei', member_no: member.memberNo })
    assert.isNull(byUserid.wmWang.member)
    assert.equal(byUserid.wmWang.invitor, 'guide_lin')

    const history: HistoryEntry[] = detail.body().history
    assert.lengthOf(history, 1)
    assert.equal(history[0].change, 'create')
    assert.equal(history[0].detail.name, 'Tea salon')
    assert.sameDeepMembers(history[0].detail.added, [
      { userid: 'guide_lin', name: guide.staff.name },
      { userid: 'wmMei', name: 'Mei' },
      { userid: 'wmWang', name: 'Wang' },
    ])
  })

  test('joins, leaves, renames, notices and a new owner are applied and recorded with the event\'s member diff', async ({ client, assert }) => {
    const guide = await wecomStaff(simulator, 'guide', 'guide_lin')
    const hq = await staffWithToken('hq')
    await wecomStaff(simulator, 'guide', 'guide_zhou')
    const { chat_id: chatId } = await simulator.createGroup({
      owner: 'guide_lin',
      name: 'Tea salon',
      members: [{ external_userid: 'wmMei', name: 'Mei' }, { external_userid: 'wmWang', name: 'Wang' }],
    })
    await wecomDrained(queues)

    await simulator.joinGroup(chatId, [{ external_userid: 'wmZhao', name: 'Zhao' }, { external_userid: 'wmLi', name: 'Li' }], 3)
    await wecomDrained(queues)
    await simulator.leaveGroup(chatId, ['wmWang'], 1)
    await wecomDrained(queues)
    await simulator.renameGroup(chatId, 'Tea & cake salon')
    await simulator.changeGroupNotice(chatId, 'Now on Sundays')
    await wecomDrained(queues)

    const group = await WecomGroup.findByOrFail('chatId', chatId)
    const detail = await client.get(`/api/v1/wecom/groups/${group.id}`).bearerToken(guide.token)
    detail.assertStatus(200)
    assert.equal(detail.body().name, 'Tea & cake salon')
    assert.equal(detail.body().notice, 'Now on Sundays')
    assert.equal(detail.body().member_count, 4)
    assert.sameMembers(
      detail.body().members.map((m: any) => m.userid),
      ['guide_lin', 'wmMei', 'wmZhao', 'wmLi']
    )
    const zhao = detail.body().members.find((m: any) => m.userid === 'wmZhao')
    assert.equal(zhao.join_scene, 3)

    // Wang left: the row is kept, with when and how.
    const wang = await WecomGroupMember.query().where('groupId', group.id).where('memberKey', 'wmWang').firstOrFail()
    assert.isNotNull(wang.leftAt)
    assert.equal(wang.quitScene, 1)

    const history: HistoryEntry[] = detail.body().history
    assert.deepEqual(
      history.map((entry) => entry.change),
      ['change_notice', 'change_name', 'del_member', 'add_member', 'create']
    )
    const [notice, name, left, joined] = history
    assert.sameDeepMembers(joined.detail.added, [{ userid: 'wmZhao', name: 'Zhao' }, { userid: 'wmLi', name: 'Li' }])
    assert.equal(joined.detail.join_scene, 3)
    assert.deepEqual(left.detail.removed, [{ userid: 'wmWang', name: 'Wang' }])
    assert.equal(left.detail.quit_scene, 1)
    assert.deepEqual(name.detail, { name: 'Tea & cake salon', previous: 'Tea salon' })
    assert.deepEqual(notice.detail, { notice: 'Now on Sundays' })

    // Wang comes back: the same row, present again, and a second add entry.
    await simulator.joinGroup(chatId, [{ external_userid: 'wmWang', name: 'Wang' }])
    await wecomDrained(queues)
    await wang.refresh()
    assert.isNull(wang.leftAt)
    assert.equal(await WecomGroupMember.query().where('groupId', group.id).where('memberKey', 'wmWang').count('* as n').then((r) => Number(r[0].$extras.n)), 1)

    // Another guide joins and takes the group over: the first guide no longer sees it.
    await simulator.joinGroup(chatId, [{ userid: 'guide_zhou' }])
    await simulator.changeGroupOwner(chatId, 'guide_zhou')
    await wecomDrained(queues)
    const after = await client.get(`/api/v1/wecom/groups/${group.id}`).bearerToken(hq.token)
    assert.equal(after.body().owner.wecom_userid, 'guide_zhou')
    const owner = after.body().history[0]
    assert.equal(owner.change, 'change_owner')
    assert.deepEqual(owner.detail, { owner: 'guide_zhou', previous: 'guide_lin' })
    ;(await client.get(`/api/v1/wecom/groups/${group.id}`).bearerToken(guide.token)).assertStatus(404)
  })

  test('callbacks handled after later changes still record each event\'s own members', async ({ client, assert }) => {
    const hq = await staffWithToken('hq')
    await wecomStaff(simulator, 'guide', 'guide_lin')
    const { chat_id: chatId } = await simulator.createGroup({ owner: 'guide_lin', name: 'Runners', members: [{ external_userid: 'wmA', name: 'A' }] })
    await wecomDrained(queues)

    // No worker for a while: both joins are in WeCom before either callback is handled.
    await worker!.close()
    worker = undefined
    await simulator.joinGroup(chatId, [{ external_userid: 'wmB', name: 'B' }])
    await simulator.joinGroup(chatId, [{ external_userid: 'wmC', name: 'C' }])
    ;({ worker } = await wecomWorker())
    await wecomDrained(queues)

    const group = await WecomGroup.findByOrFail('chatId', chatId)
    const detail = await client.get(`/api/v1/wecom/groups/${group.id}`).bearerToken(hq.token)
    const adds = (detail.body().history as HistoryEntry[]).filter((entry) => entry.change === 'add_member')
    assert.sameDeepMembers(
      adds.map((entry) => entry.detail.added),
      [[{ userid: 'wmB', name: 'B' }], [{ userid: 'wmC', name: 'C' }]]
    )
    assert.equal(detail.body().member_count, 4)
  })

  test('a dismissed group is closed, keeps its members, and gets a dismiss entry', async ({ client, assert }) => {
    const guide = await wecomStaff(simulator, 'guide', 'guide_lin')
    const { chat_id: chatId } = await simulator.createGroup({ owner: 'guide_lin', name: 'Pop-up', members: [{ external_userid: 'wmA', name: 'A' }] })
    await wecomDrained(queues)
    await simulator.dismissGroup(chatId)
    await wecomDrained(queues)

    const group = await WecomGroup.findByOrFail('chatId', chatId)
    assert.equal(group.status, 'dismissed')
    assert.isNotNull(group.dismissedAt)
    const detail = await client.get(`/api/v1/wecom/groups/${group.id}`).bearerToken(guide.token)
    assert.equal(detail.body().status, 'dismissed')
    assert.isString(detail.body().dismissed_at)
    assert.equal(detail.body().history[0].change, 'dismiss')
    assert.equal(detail.body().member_count, 2)

    const active = await client.get('/api/v1/wecom/groups').qs({ status: 'active' }).bearerToken(guide.token)
    assert.equal(active.body().meta.total, 0)
    const dismissed = await client.get('/api/v1/wecom/groups').qs({ status: 'dismissed' }).bearerToken(guide.token)
    assert.equal(dismissed.body().meta.total, 1)
    ;(await client.get('/api/v1/wecom/groups').qs({ status: 'gone' }).bearerToken(guide.token)).assertStatus(422)
  })

  test('guides see the groups they own, store managers their store\'s, HQ all; anything else is a 404', async ({ client, assert }) => {
    const store = await StoreFactory.create()
    const otherStore = await StoreFactory.create()
    const lin = await wecomStaff(simulator, 'guide', 'guide_lin', { store })
    const zhou = await wecomStaff(simulator, 'guide', 'guide_zhou', { store })
    const wu = await wecomStaff(simulator, 'guide', 'guide_wu', { store: otherStore })
    const manager = await staffWithToken('manager', { store })
    const hq = await staffWithToken('hq')
    for (const owner of ['guide_lin', 'guide_zhou', 'guide_wu']) {
      await simulator.createGroup({ owner, name: `Group of ${owner}`, members: [{ external_userid: `wm-${owner}`, name: 'X' }] })
    }
    await wecomDrained(queues)

    const names = async (token: string, q?: string) => {
      const response = await client.get('/api/v1/wecom/groups').qs(q ? { q } : {}).bearerToken(token)
      response.assertStatus(200)
      return response.body().data.map((g: { name: string }) => g.name).sort()
    }
    assert.deepEqual(await names(lin.token), ['Group of guide_lin'])
    assert.deepEqual(await names(manager.token), ['Group of guide_lin', 'Group of guide_zhou'])
    assert.deepEqual(await names(hq.token), ['Group of guide_lin', 'Group of guide_wu', 'Group of guide_zhou'])
    assert.deepEqual(await names(hq.token, 'zhou'), ['Group of guide_zhou'])

    const zhousGroup = await WecomGroup.findByOrFail('ownerStaffId', zhou.staff.id)
    const wusGroup = await WecomGroup.findByOrFail('ownerStaffId', wu.staff.id)
    ;(await client.get(`/api/v1/wecom/groups/${zhousGroup.id}`).bearerToken(lin.token)).assertStatus(404)
    ;(await client.get(`/api/v1/wecom/groups/${zhousGroup.id}`).bearerToken(zhou.token)).assertStatus(200)
    ;(await client.get(`/api/v1/wecom/groups/${zhousGroup.id}`).bearerToken(manager.token)).assertStatus(200)
    ;(await client.get(`/api/v1/wecom/groups/${wusGroup.id}`).bearerToken(manager.token)).assertStatus(404)
    ;(await client.get('/api/v1/wecom/groups/999999').bearerToken(hq.token)).assertStatus(404)
    ;(await client.get('/api/v1/wecom/groups')).assertStatus(401)
  })
})
