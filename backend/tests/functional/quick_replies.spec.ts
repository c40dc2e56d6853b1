import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import { StoreFactory } from '#database/factories/organisation'
import { resetState } from '#tests/helpers/database'
import { staffWithToken } from '#tests/helpers/auth'
import { setTier } from '#tests/helpers/loyalty'
import { guideWithMember, memberSession } from '#tests/helpers/chat'

function create(client: ApiClient, token: string, body: Record<string, unknown>) {
  return client.post('/api/v1/quick-replies').bearerToken(token).json({ title: 'Greeting', content: '您好', ...body })
}

test.group('Quick replies', (group) => {
  group.each.setup(() => resetState())

  test('corp, store and personal scopes: who writes which, and who sees which', async ({ client, assert }) => {
    const store = await StoreFactory.create()
    const otherStore = await StoreFactory.create()
    const hq = await staffWithToken('hq')
    const manager = await staffWithToken('manager', { store })
    const otherManager = await staffWithToken('manager', { store: otherStore })
    const guide = await staffWithToken('guide', { store })
    const colleague = await staffWithToken('guide', { store })

    const corp = await create(client, hq.token, { scope: 'corp', title: 'Corp', category: '问候' })
    corp.assertStatus(201)
    const ours = await create(client, manager.token, { scope: 'store', title: 'Store' })
    ours.assertStatus(201)
    assert.equal(ours.body().store_id, store.id)
    const theirs = await create(client, otherManager.token, { scope: 'store', title: 'Other store' })
    const personal = await create(client, guide.token, { scope: 'personal', title: 'Mine', category: '售后' })
    personal.assertStatus(201)
    await create(client, colleague.token, { scope: 'personal', title: "Colleague's" })

    ;(await create(client, guide.token, { scope: 'corp' })).assertStatus(403)
    ;(await create(client, guide.token, { scope: 'store' })).assertStatus(403)
    ;(await create(client, manager.token, { scope: 'store', store_id: otherStore.id })).assertStatus(403)
    ;(await create(client, manager.token, { scope: 'corp' })).assertStatus(403)
    ;(await create(client, hq.token, { scope: 'store' })).assertStatus(422)
    ;(await create(client, hq.token, { scope: 'store', store_id: otherStore.id, title: 'HQ for other' })).assertStatus(201)
    ;(await create(client, guide.token, { scope: 'team' })).assertStatus(422)

    const seen = await client.get('/api/v1/quick-replies').bearerToken(guide.token)
    seen.assertStatus(200)
    assert.sameMembers(seen.body().data.map((r: { title: string }) => r.title), ['Corp', 'Store', 'Mine'])
    const categories = await client.get('/api/v1/quick-replies/categories').bearerToken(guide.token)
    assert.deepEqual(categories.body().data, ['售后', '问候'])
    const byCategory = await client.get('/api/v1/quick-replies').qs({ category: '问候' }).bearerToken(guide.token)
    assert.deepEqual(byCategory.body().data.map((r: { title: string }) => r.title), ['Corp'])

    // Editing: a guide may not touch the corp's or the store's; another's personal reply is not there.
    ;(await client.patch(`/api/v1/quick-replies/${corp.body().id}`).bearerToken(guide.token).json({ title: 'x' })).assertStatus(403)
    ;(await client.patch(`/api/v1/quick-replies/${ours.body().id}`).bearerToken(guide.token).json({ title: 'x' })).assertStatus(403)
    ;(await client.patch(`/api/v1/quick-replies/${theirs.body().id}`).bearerToken(manager.token).json({ title: 'x' })).assertStatus(404)
    const colleagueReply = (await client.get('/api/v1/quick-replies').bearerToken(colleague.token)).body().data.find(
      (r: { scope: string }) => r.scope === 'personal'
    )
    ;(await client.delete(`/api/v1/quick-replies/${colleagueReply.id}`).bearerToken(guide.token)).assertStatus(404)

    const edited = await client.patch(`/api/v1/quick-replies/${ours.body().id}`).bearerToken(manager.token).json({ content: '欢迎光临' })
    edited.assertStatus(200)
    assert.equal(edited.body().content, '欢迎光临')
    ;(await client.delete(`/api/v1/quick-replies/${personal.body().id}`).bearerToken(guide.token)).assertStatus(204)
  })

  test('variables fill in for the member; the most used come first', async ({ client, assert }) => {
    const { guide, member } = await guideWithMember({ memberName: '王静' })
    await setTier(member, 'gold')
    const session = await memberSession(client, guide.token, member.id)
    const hq = await staffWithToken('hq')
    const hello = await create(client, hq.token, {
      scope: 'corp',
      title: 'Hello',
      content: '{{member.name}}您好，我是{{ guide.name }}。您是{{member.tier}}，{{unknown}}保持原样',
    })
    const other = await create(client, hq.token, { scope: 'corp', title: 'Other', content: '再见' })

    const used = await client.post(`/api/v1/quick-replies/${hello.body().id}/use`).bearerToken(guide.token).json({ member_id: member.id })
    used.assertStatus(200)
    assert.equal(used.body().text, `王静您好，我是${guide.staff.name}。您是金卡 Gold，{{unknown}}保持原样`)
    const byConversation = await client
      .post(`/api/v1/quick-replies/${hello.body().id}/use`)
      .bearerToken(guide.token)
      .json({ conversation_id: session.conversationId })
    assert.equal(byConversation.body().text, used.body().text)
    const blank = await client.post(`/api/v1/quick-replies/${hello.body().id}/use`).bearerToken(guide.token).json({})
    assert.equal(blank.body().text, `您好，我是${guide.staff.name}。您是，{{unknown}}保持原样`)

    const list = await client.get('/api/v1/quick-replies').bearerToken(guide.token)
    assert.deepEqual(
      list.body().data.map((r: { id: number; use_count: number }) => [r.id, r.use_count]),
      [
        [hello.body().id, 3],
        [other.body().id, 0],
      ]
    )

    // Another guide's member is not there.
    const stranger = await staffWithToken('guide')
    ;(await client.post(`/api/v1/quick-replies/${hello.body().id}/use`).bearerToken(stranger.token).json({ member_id: member.id })).assertStatus(404)
  })
})
