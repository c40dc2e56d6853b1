import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import type { Worker } from 'bullmq'
import { DateTime } from 'luxon'
import { WecomCrypto, buildXml } from '@rapport/wecom'
import type { Simulator } from '@rapport/wecom/simulator'
import MemberIdentity from '#models/member_identity'
import WecomCallback from '#models/wecom_callback'
import WecomContact from '#models/wecom_contact'
import WecomFollow from '#models/wecom_follow'
import RequeueWecomCallbacksJob from '#jobs/requeue_wecom_callbacks_job'
import wecomConfig from '#config/wecom'
import { IdentityType } from '#enums/loyalty'
import type { QueueService } from '#services/queue_service'
import { resetState } from '#tests/helpers/database'
import { staffWithToken } from '#tests/helpers/auth'
import { memberByPhone, pos, postOrder, sale } from '#tests/helpers/loyalty'
import { eventually } from '#tests/helpers/tagging'
import { startSimulator, wecomStaff, wecomDrained, wecomWorker } from '#tests/helpers/wecom'

const CALLBACK = '/api/v1/integrations/wecom/callback'

/** The official example of WeCom's docs (CONTRACTS section 4); .env.test configures this corp. */
const official = {
  verify: {
    msg_signature: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
    timestamp: '1409659589',
    nonce: '263014780',
    echostr: 'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==',
  },
  post: {
    msg_signature: '477715d11cdb4164915debcba66cb864d751f3e6',
    timestamp: '1409659813',
    nonce: '1372623149',
  },
  encrypted:
    'RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==',
}

/** A POST as WeCom makes it: the signature in the query, the XML envelope as the body. */
function postCallback(client: ApiClient, query: Record<string, string>, body: string) {
  const request = client.post(CALLBACK).qs(query)
  request.request.set('content-type', 'text/xml').send(body)
  return request
}

const envelope = (encrypted: string) => buildXml({ ToUserName: wecomConfig.corpId, AgentID: '218', Encrypt: encrypted })

test.group('WeCom callback: the protocol', (group) => {
  group.each.setup(() => resetState())

  test('URL verification answers the decrypted echostr as the whole body', async ({ client, assert }) => {
    const response = await client.get(CALLBACK).qs(official.verify)
    response.assertStatus(200)
    assert.strictEqual(response.text(), '1616140317555161061')
  })

  test('a posted message verifies, is stored once and answered 200, however often WeCom retries', async ({ client, assert }) => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const response = await postCallback(client, official.post, envelope(official.encrypted))
      response.assertStatus(200)
    }
    const stored = await WecomCallback.all()
    assert.lengthOf(stored, 1)
    assert.equal(stored[0].event, 'text')
    assert.include(stored[0].body, '<Content><![CDATA[hello]]></Content>')
  })

  test('a tampered signature or a message for another corp → 401 and nothing stored', async ({ client, assert }) => {
    const tampered = await postCallback(client, { ...official.post, msg_signature: official.post.msg_signature.replace('4', '5') }, envelope(official.encrypted))
    tampered.assertStatus(401)
    assert.equal(tampered.body().errors[0].code, 'bad_signature')

    const badEcho = await client.get(CALLBACK).qs({ ...official.verify, timestamp: '1409659590' })
    badEcho.assertStatus(401)

    // Correctly signed with our token, but encrypted for another corp.
    const other = new WecomCrypto({ token: wecomConfig.callbackToken, encodingAesKey: wecomConfig.encodingAesKey, receiveId: 'wwanothercorp' })
    const encrypted = other.encrypt('<xml><Event><![CDATA[change_external_contact]]></Event></xml>')
    const query = { timestamp: '1700000000', nonce: '42', msg_signature: other.signature('1700000000', '42', encrypted) }
    const foreign = await postCallback(client, query, envelope(encrypted))
    foreign.assertStatus(401)
    assert.equal(foreign.body().errors[0].code, 'bad_message')

    const missing = await postCallback(client, official.post, '<xml><ToUserName>x</ToUserName></xml>')
    missing.assertStatus(422)
    const garbage = await postCallback(client, official.post, 'not xml')
    garbage.assertStatus(422)

    assert.lengthOf(await WecomCallback.all(), 0)
  })
})

test.group('WeCom callback: contacts', (group) => {
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

  test('a contact added through a channel code: contact, follow, owner guide, member bound by unionid, welcome sent once', async ({ client, assert }) => {
    const hq = await staffWithToken('hq')
    const guide = await wecomStaff(simulator, 'guide', 'guide_lin')
    const till = await pos()
    ;(await postOrder(client, till, sale('88.00', { member: { phone: '13800000001' } }))).assertStatus(201)
    const member = await memberByPhone('13800000001')
    await MemberIdentity.create({ memberId: member.id, type: IdentityType.Unionid, value: 'oUnion-001' })

    const created = await client
      .post('/api/v1/wecom/channel-codes')
      .bearerToken(hq.token)
      .json({ name: 'Store poster', staff_ids: [guide.staff.id], welcome_text: 'Hello {{name}}, welcome!' })
    created.assertStatus(201)
    const code = created.body()
    assert.match(code.state, /^rp[a-z0-9]{12}$/)
    assert.isString(code.qr_code)

    const added = await simulator.customerAdds({ userid: 'guide_lin', name: 'Mei', unionid: 'oUnion-001', state: code.state })
    // WeCom delivers the same callback again (it did not hear our answer in time): twice more.
    await added.delivery.replay()
    await added.delivery.replay()
    await wecomDrained(queues)

    const contact = await WecomContact.findByOrFail('externalUserid', added.external_userid)
    assert.equal(contact.name, 'Mei')
    assert.equal(contact.memberId, member.id)
    const follow = await WecomFollow.query().where('contactId', contact.id).firstOrFail()
    assert.equal(follow.staffId, guide.staff.id)
    assert.equal(follow.state, code.state)
    assert.equal(follow.channelCodeId, code.id)
    await member.refresh()
    assert.equal(member.ownerStaffId, guide.staff.id)
    const identity = await MemberIdentity.query().where('type', IdentityType.WecomExternalUserid).where('value', added.external_userid).firstOrFail()
    assert.equal(identity.memberId, member.id)

    assert.lengthOf(await WecomCallback.all(), 1)
    assert.deepEqual(
      simulator.state.welcomeMessages.map((message) => message.text?.content),
      ['Hello Mei, welcome!']
    )

    const stats = await client.get(`/api/v1/wecom/channel-codes/${code.id}`).bearerToken(hq.token)
    assert.deepEqual(stats.body().stats, { added: 1, lost: 0, bound: 1, welcomed: 1 })
  })

  test('a customer who deletes their guide is a lost customer, visible to that guide and not to another', async ({ client, assert }) => {
    const guide = await wecomStaff(simulator, 'guide', 'guide_a')
    const other = await wecomStaff(simulator, 'guide', 'guide_b')
    const added = await simulator.customerAdds({ userid: 'guide_a', name: 'Wang' })
    await wecomDrained(queues)
    await simulator.customerDeletes('guide_a', added.external_userid)
    await wecomDrained(queues)

    const contact = await WecomContact.findByOrFail('externalUserid', added.external_userid)
    assert.equal(contact.status, 'lost')
    const lost = await client.get('/api/v1/wecom/lost-customers').bearerToken(guide.token)
    lost.assertStatus(200)
    assert.lengthOf(lost.body().data, 1)
    assert.equal(lost.body().data[0].source, 'del_follow_user')
    assert.equal(lost.body().data[0].staff.id, guide.staff.id)

    const notTheirs = await client.get('/api/v1/wecom/lost-customers').bearerToken(other.token)
    assert.lengthOf(notTheirs.body().data, 0)
    const hidden = await client.get(`/api/v1/wecom/contacts/${contact.id}`).bearerToken(other.token)
    hidden.assertStatus(404)
    const mine = await client.get(`/api/v1/wecom/contacts/${contact.id}`).bearerToken(guide.token)
    mine.assertStatus(200)
    assert.equal(mine.body().follows[0].status, 'deleted_by_customer')

    const search = await client.get('/api/v1/wecom/contacts').qs({ q: 'Wan', status: 'lost' }).bearerToken(guide.token)
    search.assertStatus(200)
    assert.deepEqual(search.body().data.map((row: { id: number }) => row.id), [contact.id])
    const othersSearch = await client.get('/api/v1/wecom/contacts').qs({ q: 'Wan' }).bearerToken(other.token)
    assert.equal(othersSearch.body().meta.total, 0)
  })

  test('two members with the noted mobile → a conflict HQ settles by binding; guides may not bind', async ({ client, assert }) => {
    const hq = await staffWithToken('hq')
    const guide = await wecomStaff(simulator, 'guide', 'guide_c')
    const till = await pos()
    ;(await postOrder(client, till, sale('10.00', { order_no: 'C-1', member: { phone: '13800000011' } }))).assertStatus(201)
    ;(await postOrder(client, till, sale('10.00', { order_no: 'C-2', member: { phone: '13800000012' } }))).assertStatus(201)
    const first = await memberByPhone('13800000011')
    const second = await memberByPhone('13800000012')

    const added = await simulator.customerAdds({ userid: 'guide_c', name: 'Zhao', remark_mobiles: ['13800000011', '+86 138 0000 0012'] })
    await wecomDrained(queues)
    const contact = await WecomContact.findByOrFail('externalUserid', added.external_userid)
    assert.isNull(contact.memberId)

    const conflicts = await client.get('/api/v1/wecom/binding-conflicts').bearerToken(hq.token)
    assert.deepEqual(
      conflicts.body().data.map((row: { reason: string; candidates: { id: number }[] }) => [row.reason, row.candidates.map((c) => c.id)]),
      [['phone', [first.id, second.id].sort((a, b) => a - b)]]
    )

    ;(await client.put(`/api/v1/wecom/contacts/${contact.id}/member`).bearerToken(guide.token).json({ member_id: first.id })).assertStatus(403)
    const unknown = await client.put(`/api/v1/wecom/contacts/${contact.id}/member`).bearerToken(hq.token).json({ member_id: 999999 })
    unknown.assertStatus(422)
    assert.equal(unknown.body().errors[0].field, 'member_id')

    const bound = await client.put(`/api/v1/wecom/contacts/${contact.id}/member`).bearerToken(hq.token).json({ member_id: second.id })
    bound.assertStatus(200)
    assert.equal(bound.body().member.id, second.id)
    assert.lengthOf((await client.get('/api/v1/wecom/binding-conflicts').bearerToken(hq.token)).body().data, 0)

    // The member now has a WeCom contact: binding another contact to them is a conflict.
    const another = await simulator.customerAdds({ userid: 'guide_c', name: 'Zhao 2' })
    await wecomDrained(queues)
    const anotherContact = await WecomContact.findByOrFail('externalUserid', another.external_userid)
    const taken = await client.put(`/api/v1/wecom/contacts/${anotherContact.id}/member`).bearerToken(hq.token).json({ member_id: second.id })
    taken.assertStatus(409)

    const unbound = await client.delete(`/api/v1/wecom/contacts/${contact.id}/member`).bearerToken(hq.token)
    unbound.assertStatus(200)
    assert.isNull(unbound.body().member)
    assert.isNull(await MemberIdentity.query().where('type', IdentityType.WecomExternalUserid).where('value', added.external_userid).first())
  })

  test('a callback stored while the queue was unreachable is processed by the sweeper', async ({ assert }) => {
    await wecomStaff(simulator, 'guide', 'guide_d')
    const added = await simulator.customerAdds({ userid: 'guide_d', name: 'Sun' })
    await wecomDrained(queues)
    // As if Redis had been down: the contact callback is stored, never processed, a while ago.
    await WecomFollow.query().delete()
    await WecomContact.query().delete()
    const callback = await WecomCallback.firstOrFail()
    callback.merge({ processedAt: null, receivedAt: DateTime.now().minus({ minutes: 5 }) })
    await callback.save()

    await new RequeueWecomCallbacksJob().handle()
    await eventually('the swept callback to be processed', async () => Boolean((await WecomCallback.findOrFail(callback.id)).processedAt))
    assert.isNotNull(await WecomContact.findBy('externalUserid', added.external_userid))
  })
})

test.group('WeCom channel codes', (group) => {
  let simulator: Simulator
  group.each.setup(async () => {
    await resetState()
    simulator = await startSimulator()
    return () => simulator.close()
  })

  test('bad input names the field and creates nothing; guides may not manage codes', async ({ client, assert }) => {
    const hq = await staffWithToken('hq')
    const guide = await staffWithToken('guide')
    const noWecom = await client.post('/api/v1/wecom/channel-codes').bearerToken(hq.token).json({ name: 'X', staff_ids: [guide.staff.id] })
    noWecom.assertStatus(422)
    assert.equal(noWecom.body().errors[0].field, 'staff_ids.0')

    guide.staff.wecomUserId = 'guide_e'
    await guide.staff.save()
    simulator.addStaff({ userid: 'guide_e', name: guide.staff.name })
    const tooLong = await client
      .post('/api/v1/wecom/channel-codes')
      .bearerToken(hq.token)
      .json({ name: 'X', staff_ids: [guide.staff.id], welcome_text: '欢'.repeat(1400) })
    tooLong.assertStatus(422)
    assert.equal(tooLong.body().errors[0].field, 'welcome_text')

    const forbidden = await client.post('/api/v1/wecom/channel-codes').bearerToken(guide.token).json({ name: 'X', staff_ids: [guide.staff.id] })
    forbidden.assertStatus(403)

    assert.lengthOf(simulator.state.contactWays, 0)
    const list = await client.get('/api/v1/wecom/channel-codes').bearerToken(hq.token)
    assert.equal(list.body().meta.total, 0)
  })

  test('a code is created in WeCom, edited, and deleted there while its statistics stay', async ({ client, assert }) => {
    const hq = await staffWithToken('hq')
    const guide = await staffWithToken('guide')
    guide.staff.wecomUserId = 'guide_f'
    await guide.staff.save()
    simulator.addStaff({ userid: 'guide_f', name: guide.staff.name })

    const created = await client.post('/api/v1/wecom/channel-codes').bearerToken(hq.token).json({ name: 'Mall entrance', staff_ids: [guide.staff.id] })
    created.assertStatus(201)
    assert.lengthOf(simulator.state.contactWays, 1)
    assert.equal(simulator.state.contactWays[0].state, created.body().state)

    const renamed = await client.put(`/api/v1/wecom/channel-codes/${created.body().id}`).bearerToken(hq.token).json({ name: 'Mall gate', welcome_text: 'Hi' })
    renamed.assertStatus(200)
    assert.equal(renamed.body().name, 'Mall gate')
    assert.equal(renamed.body().welcome_text, 'Hi')

    const stats = await client.get(`/api/v1/wecom/channel-codes/${created.body().id}/stats`).qs({ days: 7 }).bearerToken(hq.token)
    stats.assertStatus(200)
    assert.lengthOf(stats.body().series, 7)
    assert.equal(stats.body().series[6].date, DateTime.now().setZone('Asia/Shanghai').toISODate())

    ;(await client.delete(`/api/v1/wecom/channel-codes/${created.body().id}`).bearerToken(hq.token)).assertStatus(204)
    assert.lengthOf(simulator.state.contactWays, 0)
    ;(await client.get(`/api/v1/wecom/channel-codes/${created.body().id}`).bearerToken(hq.token)).assertStatus(404)
  })
})
