import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { Worker } from 'bullmq'
import type { Simulator } from '@rapport/wecom/simulator'
import AutoTagRule from '#models/auto_tag_rule'
import Member from '#models/member'
import MemberIdentity from '#models/member_identity'
import Tag from '#models/tag'
import TagGroup from '#models/tag_group'
import WecomContact from '#models/wecom_contact'
import env from '#start/env'
import wecomConfig from '#config/wecom'
import { IdentityType } from '#enums/loyalty'
import { ActivityTrigger, AutoTagRuleStatus } from '#enums/tag'
import EvaluateAutoTagRules from '#actions/tags/evaluate_auto_tag_rules'
import BindContact from '#actions/wecom/bind_contact'
import { actor } from '#services/audit'
import type { QueueService } from '#services/queue_service'
import { syncCorpTags } from '#services/wecom_tags'
import { resetState } from '#tests/helpers/database'
import { staffWithToken } from '#tests/helpers/auth'
import { enrol, eventually, tags, tagsOf } from '#tests/helpers/tagging'
import { startSimulator, wecomStaff, wecomDrained, wecomWorker } from '#tests/helpers/wecom'

test.group('WeCom corp tags', (group) => {
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

  /** A member who adds the guide in WeCom and is bound to their contact (by unionid). */
  async function boundCustomer(userid: string, unionid: string, ownerStaffId: number) {
    const member = await enrol({ ownerStaffId })
    await MemberIdentity.create({ memberId: member.id, type: IdentityType.Unionid, value: unionid })
    const { external_userid: externalUserid } = await simulator.customerAdds({ userid, name: `Customer ${unionid}`, unionid })
    await wecomDrained(queues)
    const contact = await WecomContact.findByOrFail('externalUserid', externalUserid)
    if (contact.memberId !== member.id) throw new Error(`${externalUserid} was not bound to member ${member.id}`)
    return { member, externalUserid }
  }

  const remoteTag = (name: string) =>
    simulator.state.tags.flatMap((g) => g.tag.map((t) => ({ ...t, group_id: g.group_id, group_name: g.group_name }))).find((t) => t.name === name)

  test('a tag created in Rapport appears in WeCom with its group (ids written back); renamed and deleted there too', async ({ client, assert }) => {
    const hq = await staffWithToken('hq')
    ;(await client.post('/api/v1/tag-groups').bearerToken(hq.token).json({ code: 'lifestyle', name: 'Lifestyle' })).assertStatus(201)
    // WeCom keeps no empty tag group: the group arrives with its first tag.
    await wecomDrained(queues)
    assert.lengthOf(simulator.state.tags, 0)

    ;(await client.post('/api/v1/tags').bearerToken(hq.token).json({ group: 'lifestyle', code: 'coffee_lover', name: 'Coffee lover' })).assertStatus(201)
    await wecomDrained(queues)
    const pushed = remoteTag('Coffee lover')
    assert.exists(pushed)
    assert.equal(pushed!.group_name, 'Lifestyle')
    const tag = await Tag.findByOrFail('code', 'coffee_lover')
    assert.equal(tag.wecomTagId, pushed!.id)
    assert.equal((await TagGroup.findByOrFail('code', 'lifestyle')).wecomGroupId, pushed!.group_id)

    ;(await client.patch('/api/v1/tags/coffee_lover').bearerToken(hq.token).json({ name: 'Loves coffee' })).assertStatus(200)
    await wecomDrained(queues)
    assert.equal(remoteTag('Loves coffee')?.id, pushed!.id)

    ;(await client.delete('/api/v1/tags/coffee_lover').bearerToken(hq.token)).assertStatus(200)
    await wecomDrained(queues)
    assert.isUndefined(simulator.state.tags.flatMap((g) => g.tag).find((t) => t.id === pushed!.id))
  })

  test('WeCom being down never fails the Rapport change: the push is retried until WeCom takes it', async ({ client, assert }) => {
    const hq = await staffWithToken('hq')
    ;(await client.post('/api/v1/tag-groups').bearerToken(hq.token).json({ code: 'season', name: 'Season' })).assertStatus(201)
    // Busy for every retry of the client's first attempt: the job fails once and comes back.
    simulator.faults.failNext('/cgi-bin/externalcontact/add_corp_tag', -1, 4)
    ;(await client.post('/api/v1/tags').bearerToken(hq.token).json({ group: 'season', code: 'spring', name: 'Spring' })).assertStatus(201)
    await eventually('the tag reaches WeCom on a retry', async () => Boolean((await Tag.findByOrFail('code', 'spring')).wecomTagId), 20_000)
    assert.equal((await Tag.findByOrFail('code', 'spring')).wecomTagId, remoteTag('Spring')!.id)
    const answers = simulator.state.requests.filter((r) => r.path.endsWith('add_corp_tag')).map((r) => r.errcode)
    assert.deepEqual(answers, [-1, -1, -1, -1, 0])
  }).timeout(30_000)

  test('tagging a bound member marks the tag on their WeCom contact; untagging removes it; WeCom tags are not pushed back', async ({ client, assert }) => {
    const hq = await staffWithToken('hq')
    const guide = await wecomStaff(simulator, 'guide', 'guide_lin')
    const { member, externalUserid } = await boundCustomer('guide_lin', 'oUnion-1', guide.staff.id)
    // A tag Rapport had before WeCom: created in WeCom by the first mark.
    await tags('vip')

    const tagged = await client.post(`/api/v1/members/${member.id}/tags`).bearerToken(hq.token).json({ tag_codes: ['vip'] })
    tagged.assertStatus(200)
    await wecomDrained(queues)
    const vip = await Tag.findByOrFail('code', 'vip')
    assert.isString(vip.wecomTagId)
    assert.deepEqual(simulator.state.follow('guide_lin', externalUserid)!.tag_ids, [vip.wecomTagId!])
    assert.deepInclude(simulator.state.markTagCalls.at(-1)!, { userid: 'guide_lin', external_userid: externalUserid, add_tag: [vip.wecomTagId!] })

    ;(await client.delete(`/api/v1/members/${member.id}/tags/vip`).bearerToken(hq.token)).assertStatus(204)
    await wecomDrained(queues)
    assert.deepEqual(simulator.state.follow('guide_lin', externalUserid)!.tag_ids, [])
    assert.deepEqual(simulator.state.markTagCalls.at(-1)!.remove_tag, [vip.wecomTagId!])

    // The guide tags the customer in WeCom: the member gets it (source wecom), nothing goes back.
    const { tag_id: teaId } = await simulator.adminCreatesTag({ name: 'Tea lover', group_name: 'Taste' })
    await wecomDrained(queues)
    const calls = simulator.state.markTagCalls.length
    await simulator.staffEditsContact('guide_lin', externalUserid, { add_tag: [teaId] })
    await wecomDrained(queues)
    const tea = await Tag.findByOrFail('wecomTagId', teaId)
    const row = await db.from('member_tags').where({ member_id: member.id, tag_id: tea.id }).firstOrFail()
    assert.equal(row.source, 'wecom')
    assert.equal(simulator.state.markTagCalls.length, calls)

    // Removed in WeCom: the WeCom-given tag goes; a tag given in Rapport stays.
    ;(await client.post(`/api/v1/members/${member.id}/tags`).bearerToken(hq.token).json({ tag_codes: ['vip'] })).assertStatus(200)
    await wecomDrained(queues)
    // WeCom's callback says only "edited" and the second: the same one twice within a second
    // is indistinguishable from a retry (the receiver dedupes by body), so let the clock move.
    await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 50))
    await simulator.staffEditsContact('guide_lin', externalUserid, { remove_tag: [teaId, vip.wecomTagId!] })
    await wecomDrained(queues)
    assert.deepEqual(await tagsOf(member.id), ['vip'])
  }).timeout(30_000)

  test('a WeCom tag we missed the callback of is pulled when a contact carries it, and the member gets it', async ({ assert }) => {
    const guide = await wecomStaff(simulator, 'guide', 'guide_lin')
    const { member, externalUserid } = await boundCustomer('guide_lin', 'oUnion-1', guide.staff.id)
    simulator.setCallback(null)
    const { tag_id: tagId } = await simulator.adminCreatesTag({ name: 'Night owl', group_name: 'Habits' })
    simulator.setCallback({
      url: `http://${env.get('HOST')}:${env.get('PORT')}/api/v1/integrations/wecom/callback`,
      token: wecomConfig.callbackToken,
      encodingAesKey: wecomConfig.encodingAesKey,
    })
    assert.isNull(await Tag.findBy('wecomTagId', tagId))

    await simulator.staffEditsContact('guide_lin', externalUserid, { add_tag: [tagId] })
    await wecomDrained(queues)
    const tag = await Tag.findByOrFail('wecomTagId', tagId)
    assert.deepEqual(await tagsOf(member.id), [tag.code])

    // Unbound from the contact, the member no longer carries what WeCom gave them through it.
    const contact = await WecomContact.findByOrFail('externalUserid', externalUserid)
    await new BindContact().unbind(contact.id, actor.system('test'))
    assert.deepEqual(await tagsOf(member.id), [])
  }).timeout(30_000)

  test('bulk, segment and rule tagging mark every bound member; members without a WeCom contact cost no call', async ({ client, assert }) => {
    const hq = await staffWithToken('hq')
    const guide = await wecomStaff(simulator, 'guide', 'guide_lin')
    const first = await boundCustomer('guide_lin', 'oUnion-1', guide.staff.id)
    const second = await boundCustomer('guide_lin', 'oUnion-2', guide.staff.id)
    const unbound = await enrol({ ownerStaffId: guide.staff.id })
    await tags('vip', 'rich')

    const bulk = await client
      .post('/api/v1/tags/vip/members')
      .bearerToken(hq.token)
      .json({ member_ids: [first.member.id, second.member.id, unbound.id] })
    bulk.assertStatus(200)
    await wecomDrained(queues)
    const vip = await Tag.findByOrFail('code', 'vip')
    for (const { externalUserid } of [first, second]) {
      assert.include(simulator.state.follow('guide_lin', externalUserid)!.tag_ids, vip.wecomTagId!)
    }
    assert.lengthOf(simulator.state.markTagCalls, 2)

    await Member.query().whereIn('id', [first.member.id, unbound.id]).update({ points_balance: 500 })
    const segment = await client
      .post('/api/v1/tags/rich/segment')
      .bearerToken(hq.token)
      .json({ definition: { attr: 'points_balance', op: 'gte', value: 100 } })
    segment.assertStatus(200)
    assert.equal(segment.body().tagged, 2)
    await wecomDrained(queues)
    const rich = await Tag.findByOrFail('code', 'rich')
    assert.include(simulator.state.follow('guide_lin', first.externalUserid)!.tag_ids, rich.wecomTagId!)
    assert.notInclude(simulator.state.follow('guide_lin', second.externalUserid)!.tag_ids, rich.wecomTagId!)
    assert.lengthOf(simulator.state.markTagCalls, 3)

    // A rule gives a tag (and, with remove_when_unmatched, takes it back): WeCom follows.
    const [ruled] = await tags('ruled')
    const definition = { attr: 'points_balance', op: 'gte', value: 100 }
    await AutoTagRule.create({ name: 'Rich', tagId: ruled.id, definition, removeWhenUnmatched: true, status: AutoTagRuleStatus.Active })
    const marked = async () => {
      const tag = await Tag.findOrFail(ruled.id)
      return Boolean(tag.wecomTagId) && simulator.state.follow('guide_lin', first.externalUserid)!.tag_ids.includes(tag.wecomTagId!)
    }
    await new EvaluateAutoTagRules().forAll(ActivityTrigger.Nightly)
    await eventually('the rule\'s tag is marked in WeCom', marked)
    await Member.query().where('id', first.member.id).update({ points_balance: 0 })
    await new EvaluateAutoTagRules().forAll(ActivityTrigger.Nightly)
    await eventually('the rule\'s tag is removed in WeCom', async () => !(await marked()))
  }).timeout(30_000)

  test('tag changes made in WeCom arrive by callback: created, renamed, deleted', async ({ client, assert }) => {
    const hq = await staffWithToken('hq')
    const created = await simulator.adminCreatesTag({ name: 'Tea lover', group_name: 'Taste' })
    await wecomDrained(queues)
    const tea = await Tag.query().where('wecomTagId', created.tag_id).preload('group').firstOrFail()
    assert.match(tea.code, /^wx_[0-9a-f]{12}$/)
    assert.equal(tea.name, 'Tea lover')
    assert.equal(tea.group.name, 'Taste')
    assert.equal(tea.group.wecomGroupId, created.group_id)

    const more = await simulator.adminCreatesTag({ name: 'Green tea', group_id: created.group_id })
    await simulator.adminEditsTag(created.tag_id, { name: 'Loves tea' })
    await simulator.adminEditsTag(created.group_id, { name: 'Tastes' })
    await wecomDrained(queues)
    await tea.refresh()
    assert.equal(tea.name, 'Loves tea')
    assert.equal((await TagGroup.findOrFail(tea.groupId)).name, 'Tastes')
    assert.equal((await Tag.findByOrFail('wecomTagId', more.tag_id)).groupId, tea.groupId)

    // A tag from WeCom that nothing else uses goes with it.
    await simulator.adminDeletesTag(more.tag_id)
    await wecomDrained(queues)
    assert.isNull(await Tag.findBy('wecomTagId', more.tag_id))

    // A Rapport tag deleted in WeCom stays in Rapport (segments and rules use its code), unlinked.
    ;(await client.post('/api/v1/tag-groups').bearerToken(hq.token).json({ code: 'life', name: 'Life' })).assertStatus(201)
    ;(await client.post('/api/v1/tags').bearerToken(hq.token).json({ group: 'life', code: 'coffee', name: 'Coffee' })).assertStatus(201)
    await wecomDrained(queues)
    const coffee = await Tag.findByOrFail('code', 'coffee')
    await simulator.adminDeletesTag(coffee.wecomTagId!)
    await wecomDrained(queues)
    await coffee.refresh()
    assert.isNull(coffee.wecomTagId)
  }).timeout(30_000)

  test('a full pull links tags by name within their group, creates the missing, and changes nothing when run again', async ({ assert }) => {
    const group = await TagGroup.create({ code: 'season', name: 'Season' })
    const spring = await Tag.create({ groupId: group.id, code: 'spring', name: 'Spring' })
    // Made in WeCom while no callback reached us.
    simulator.setCallback(null)
    const linked = await simulator.adminCreatesTag({ name: 'Spring', group_name: 'Season' })
    const fresh = await simulator.adminCreatesTag({ name: 'Summer', group_id: linked.group_id })

    assert.deepEqual(await syncCorpTags(), { created: 1, updated: 2, unchanged: 0, removed: 0 })
    await spring.refresh()
    assert.equal(spring.wecomTagId, linked.tag_id)
    assert.equal((await Tag.findByOrFail('wecomTagId', fresh.tag_id)).groupId, group.id)
    assert.deepEqual(await syncCorpTags(), { created: 0, updated: 0, unchanged: 3, removed: 0 })
  })
})
