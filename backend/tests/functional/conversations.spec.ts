import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Coupon from '#models/coupon'
import CouponTemplate from '#models/coupon_template'
import Member from '#models/member'
import Product from '#models/product'
import { resetState } from '#tests/helpers/database'
import { staffWithToken } from '#tests/helpers/auth'
import { count } from '#tests/helpers/loyalty'
import { enrol } from '#tests/helpers/tagging'
import { clientMsgId, guideWithMember, memberSession } from '#tests/helpers/chat'

function say(client: ApiClient, token: string, conversationId: number, words: string, id = clientMsgId()) {
  return client.post(`/api/v1/conversations/${conversationId}/messages`).bearerToken(token).json({ client_msg_id: id, type: 'text', body: { text: words } })
}

async function couponTemplate(overrides: Partial<CouponTemplate> = {}) {
  return CouponTemplate.create({
    code: `T${Date.now()}${Math.floor(Math.random() * 1000)}`,
    name: '满100减20',
    kind: 'amount_off' as CouponTemplate['kind'],
    value: '20.00',
    minSpend: '100.00',
    validDays: 30,
    channels: ['offline'] as CouponTemplate['channels'],
    storeIds: null,
    issuedCount: 0,
    status: 'active',
    ...overrides,
  })
}

test.group('Chat links and member sessions', (group) => {
  group.each.setup(() => resetState())

  test('a guide makes a one-time chat link; the ticket buys a 30-day member token once', async ({ client, assert }) => {
    const { guide, member } = await guideWithMember()
    const link = await client.post(`/api/v1/members/${member.id}/chat-link`).bearerToken(guide.token)
    link.assertStatus(201)
    const { url, ticket, expires_at, conversation_id } = link.body()
    assert.match(url, /\/m\/chat\?ticket=rpt_[\w-]+$/)
    assert.include(url, encodeURIComponent(ticket))
    assert.closeTo(DateTime.fromISO(expires_at).diffNow('days').days, 7, 0.01)
    // Stored hashed, never as given.
    assert.equal(await count('member_chat_tickets', { token_hash: ticket }), 0)

    const again = await client.post(`/api/v1/members/${member.id}/chat-link`).bearerToken(guide.token)
    assert.equal(again.body().conversation_id, conversation_id, 'one web conversation per member')

    const session = await client.post('/api/v1/member/session').json({ ticket })
    session.assertStatus(200)
    assert.match(session.body().token, /^rpm_/)
    assert.deepEqual(session.body().member, {
      id: member.id,
      name: '王静',
      tier: { code: 'member', name: '普通会员 Member' },
      points_balance: 0,
      points: 0,
    })
    assert.equal(session.body().conversation_id, conversation_id)
    assert.closeTo(DateTime.fromISO(session.body().expires_at).diffNow('days').days, 30, 0.01)
    assert.equal(await count('member_tokens', { token_hash: session.body().token }), 0)

    const reused = await client.post('/api/v1/member/session').json({ ticket })
    reused.assertStatus(401)
    assert.equal(reused.body().errors[0].code, 'ticket_used')

    const me = await client.get('/api/v1/member/me').bearerToken(session.body().token)
    me.assertStatus(200)
    assert.equal(me.body().conversation.id, conversation_id)
    assert.deepEqual(me.body().conversation.guide, {
      id: guide.staff.id,
      name: guide.staff.name,
      store: { id: guide.staff.storeId, name: (await db.from('stores').where('id', guide.staff.storeId!).first()).name },
    })
  })

  test('an expired or unknown ticket is a 401; a member without an owning guide is a 409 no_owner', async ({ client, assert }) => {
    const { guide, member } = await guideWithMember()
    const link = await client.post(`/api/v1/members/${member.id}/chat-link`).bearerToken(guide.token)
    await db.from('member_chat_tickets').update({ expires_at: DateTime.utc().minus({ seconds: 1 }).toJSDate() })
    const expired = await client.post('/api/v1/member/session').json({ ticket: link.body().ticket })
    expired.assertStatus(401)
    assert.equal(expired.body().errors[0].code, 'ticket_expired')
    ;(await client.post('/api/v1/member/session').json({ ticket: 'rpt_made_up' })).assertStatus(401)
    ;(await client.post('/api/v1/member/session').json({})).assertStatus(422)

    const hq = await staffWithToken('hq')
    const orphan = await enrol()
    const refused = await client.post(`/api/v1/members/${orphan.id}/chat-link`).bearerToken(hq.token)
    refused.assertStatus(409)
    assert.equal(refused.body().errors[0].code, 'no_owner')
    assert.equal(await count('conversations'), 1)

    // Another guide's member is not there at all.
    const other = await staffWithToken('guide')
    ;(await client.post(`/api/v1/members/${member.id}/chat-link`).bearerToken(other.token)).assertStatus(404)
  })

  test('a member token reads its own conversation only, and opens no staff route', async ({ client, assert }) => {
    const first = await guideWithMember()
    const second = await guideWithMember({ memberName: '李雷' })
    const mine = await memberSession(client, first.guide.token, first.member.id)
    const theirs = await memberSession(client, second.guide.token, second.member.id)
    await say(client, second.guide.token, theirs.conversationId, '私密').then((r) => r.assertStatus(201))

    ;(await client.get(`/api/v1/conversations/${mine.conversationId}/messages`).bearerToken(mine.token)).assertStatus(200)
    ;(await client.get(`/api/v1/conversations/${theirs.conversationId}/messages`).bearerToken(mine.token)).assertStatus(404)
    ;(await say(client, mine.token, theirs.conversationId, 'hi')).assertStatus(404)
    ;(await client.post(`/api/v1/conversations/${theirs.conversationId}/read`).bearerToken(mine.token).json({ seq: 1 })).assertStatus(404)
    ;(await client.get('/api/v1/conversations').bearerToken(mine.token)).assertStatus(401)
    ;(await client.get(`/api/v1/members/${first.member.id}`).bearerToken(mine.token)).assertStatus(401)
    // A staff token is no member token for the member's own routes.
    ;(await client.get('/api/v1/member/me').bearerToken(first.guide.token)).assertStatus(401)

    await db.from('member_tokens').update({ expires_at: DateTime.utc().minus({ minutes: 1 }).toJSDate() })
    const ended = await client.get('/api/v1/member/me').bearerToken(mine.token)
    ended.assertStatus(401)
    assert.equal(ended.body().errors[0].code, 'member_token_invalid')
  })
})

test.group('Conversations: inbox, scope, catch-up', (group) => {
  group.each.setup(() => resetState())

  test('a guide sees their own conversations only; another guide\'s is a 404 everywhere', async ({ client, assert }) => {
    const { store, guide, member } = await guideWithMember()
    const other = await guideWithMember({ store, memberName: '李雷' })
    const mine = await memberSession(client, guide.token, member.id)
    const theirs = await memberSession(client, other.guide.token, other.member.id)

    const list = await client.get('/api/v1/conversations').bearerToken(guide.token)
    list.assertStatus(200)
    assert.deepEqual(list.body().data.map((c: { id: number }) => c.id), [mine.conversationId])
    assert.equal(list.body().meta.total, 1)
    assert.deepInclude(list.body().data[0], {
      kind: 'direct',
      channel: 'web',
      member: { id: member.id, name: '王静', tier: 'member' },
      owner: { id: guide.staff.id, name: guide.staff.name },
      unread: 0,
      waiting_since: null,
    })

    for (const path of [`/api/v1/conversations/${theirs.conversationId}`, `/api/v1/conversations/${theirs.conversationId}/messages`]) {
      ;(await client.get(path).bearerToken(guide.token)).assertStatus(404)
    }
    ;(await say(client, guide.token, theirs.conversationId, 'hi')).assertStatus(404)
    ;(await client.post(`/api/v1/conversations/${theirs.conversationId}/coupon`).bearerToken(guide.token).json({ template_id: 1, client_msg_id: 'c1' })).assertStatus(404)

    // The store manager sees both; a manager of another store neither; HQ all.
    const manager = await staffWithToken('manager', { store })
    const elsewhere = await staffWithToken('manager')
    const hq = await staffWithToken('hq')
    const ids = async (token: string) =>
      (await client.get('/api/v1/conversations').bearerToken(token)).body().data.map((c: { id: number }) => c.id).sort()
    assert.deepEqual(await ids(manager.token), [mine.conversationId, theirs.conversationId].sort())
    assert.deepEqual(await ids(elsewhere.token), [])
    assert.deepEqual(await ids(hq.token), [mine.conversationId, theirs.conversationId].sort())
    ;(await client.get(`/api/v1/conversations/${mine.conversationId}`).bearerToken(elsewhere.token)).assertStatus(404)

    const detail = await client.get(`/api/v1/conversations/${mine.conversationId}`).bearerToken(manager.token)
    detail.assertStatus(200)
    assert.deepEqual(
      detail.body().participants.map((p: { type: string; id: number }) => [p.type, p.id]),
      [['staff', guide.staff.id], ['member', member.id]]
    )
    assert.equal(detail.body().member.phone, member.phone, 'a store manager sees full phones')
    const guideDetail = await client.get(`/api/v1/conversations/${mine.conversationId}`).bearerToken(guide.token)
    assert.equal(guideDetail.body().member.phone, member.phone!.slice(0, 3) + '****' + member.phone!.slice(-4))
  })

  test('unread counts, the unread and waiting filters, search, and read marks', async ({ client, assert }) => {
    const { store, guide, member } = await guideWithMember()
    const second = await enrol({ ownerStaffId: guide.staff.id, registerStoreId: store.id, name: '李雷' })
    const a = await memberSession(client, guide.token, member.id)
    const b = await memberSession(client, guide.token, second.id)

    await say(client, a.token, a.conversationId, '在吗？').then((r) => r.assertStatus(201))
    await say(client, a.token, a.conversationId, '想问下尺码').then((r) => r.assertStatus(201))
    await say(client, guide.token, b.conversationId, '李先生好').then((r) => r.assertStatus(201))

    const inbox = await client.get('/api/v1/conversations').bearerToken(guide.token)
    assert.deepEqual(
      inbox.body().data.map((c: { id: number; unread: number; last_message_preview: string }) => [c.id, c.unread, c.last_message_preview]),
      [
        [b.conversationId, 0, '李先生好'],
        [a.conversationId, 2, '想问下尺码'],
      ]
    )
    assert.isNotNull(inbox.body().data[1].waiting_since)

    const unread = await client.get('/api/v1/conversations').qs({ filter: 'unread' }).bearerToken(guide.token)
    assert.deepEqual(unread.body().data.map((c: { id: number }) => c.id), [a.conversationId])
    const waiting = await client.get('/api/v1/conversations').qs({ filter: 'waiting' }).bearerToken(guide.token)
    assert.deepEqual(waiting.body().data.map((c: { id: number }) => c.id), [a.conversationId])
    const longWait = await client.get('/api/v1/conversations').qs({ filter: 'waiting', waiting_minutes: 10 }).bearerToken(guide.token)
    assert.lengthOf(longWait.body().data, 0)

    for (const q of ['李', second.phone!, second.memberNo]) {
      const found = await client.get('/api/v1/conversations').qs({ q }).bearerToken(guide.token)
      assert.deepEqual(found.body().data.map((c: { id: number }) => c.id), [b.conversationId], q)
    }
    ;(await client.get('/api/v1/conversations').qs({ filter: 'nonsense' }).bearerToken(guide.token)).assertStatus(422)

    const read = await client.post(`/api/v1/conversations/${a.conversationId}/read`).bearerToken(guide.token).json({ seq: 99 })
    read.assertStatus(200)
    assert.deepEqual(read.body(), { conversation_id: a.conversationId, delivered_seq: 2, read_seq: 2 })
    const after = await client.get('/api/v1/conversations').qs({ filter: 'unread' }).bearerToken(guide.token)
    assert.lengthOf(after.body().data, 0)

    // Answering ends the wait.
    await say(client, guide.token, a.conversationId, '在的').then((r) => r.assertStatus(201))
    const none = await client.get('/api/v1/conversations').qs({ filter: 'waiting' }).bearerToken(guide.token)
    assert.lengthOf(none.body().data, 0)
  })

  test('catch-up pages by after_seq and before_seq in ascending seq; a REST retry stores one message', async ({ client, assert }) => {
    const { guide, member } = await guideWithMember()
    const session = await memberSession(client, guide.token, member.id)
    for (let i = 1; i <= 12; i++) await say(client, guide.token, session.conversationId, `m${i}`).then((r) => r.assertStatus(201))
    const page = (qs: Record<string, number>) =>
      client.get(`/api/v1/conversations/${session.conversationId}/messages`).qs(qs).bearerToken(session.token)

    const latest = await page({ limit: 5 })
    assert.deepEqual(latest.body().messages.map((m: { seq: number }) => m.seq), [8, 9, 10, 11, 12])
    assert.isTrue(latest.body().has_more)
    const older = await page({ before_seq: 8, limit: 5 })
    assert.deepEqual(older.body().messages.map((m: { seq: number }) => m.seq), [3, 4, 5, 6, 7])
    const oldest = await page({ before_seq: 3, limit: 5 })
    assert.deepEqual(oldest.body().messages.map((m: { seq: number }) => m.seq), [1, 2])
    assert.isFalse(oldest.body().has_more)
    const missed = await page({ after_seq: 9 })
    assert.deepEqual(missed.body().messages.map((m: { seq: number }) => m.seq), [10, 11, 12])
    assert.isFalse(missed.body().has_more)
    assert.deepInclude(missed.body().messages[0], {
      conversation_id: session.conversationId,
      sender_type: 'staff',
      sender_id: guide.staff.id,
      sender_name: guide.staff.name,
      type: 'text',
      body: { text: 'm10' },
      source: 'web',
    })
    ;(await page({ limit: 201 })).assertStatus(422)

    // Concurrent writers from both sides: every message gets its own seq, with no gap.
    const burst = await Promise.all(
      Array.from({ length: 30 }, (_, i) => say(client, i % 2 ? session.token : guide.token, session.conversationId, `burst ${i}`))
    )
    const seqs = burst.map((r) => r.body().message.seq as number).sort((x, y) => x - y)
    assert.deepEqual(seqs, Array.from({ length: 30 }, (_, i) => i + 13))

    const first = await say(client, session.token, session.conversationId, '重试', 'retry-1')
    const retry = await say(client, session.token, session.conversationId, '重试', 'retry-1')
    first.assertStatus(201)
    retry.assertStatus(200)
    assert.equal(retry.body().message.id, first.body().message.id)
    assert.equal(await count('messages', { conversation_id: session.conversationId }), 43)
  })
})

test.group('Conversations: coupons, products, takeover, transfer, stats', (group) => {
  group.each.setup(() => resetState())

  test('send coupon issues the coupon and posts its card in one step; a retry issues nothing more', async ({ client, assert }) => {
    const { guide, member } = await guideWithMember()
    const session = await memberSession(client, guide.token, member.id)
    const template = await couponTemplate({ totalStock: 1 })

    const send = (id: string) =>
      client.post(`/api/v1/conversations/${session.conversationId}/coupon`).bearerToken(guide.token).json({ template_id: template.id, client_msg_id: id })
    const first = await send('coupon-1')
    first.assertStatus(201)
    const card = first.body().message
    assert.equal(card.type, 'coupon')
    const coupon = await Coupon.findByOrFail('code', card.body.code)
    assert.deepInclude(coupon.serialize(), { memberId: member.id, source: 'chat', issuedByStaffId: guide.staff.id })
    assert.deepEqual(card.body, {
      code: coupon.code,
      name: '满100减20',
      kind: 'amount_off',
      value: '20.00',
      min_spend: '100.00',
      valid_until: coupon.expiresAt!.toUTC().toISO(),
    })

    const retry = await send('coupon-1')
    retry.assertStatus(200)
    assert.deepEqual(retry.body().message, card)
    assert.equal(await count('coupons'), 1)

    // Out of stock: a 409, and no card.
    const refused = await send('coupon-2')
    refused.assertStatus(409)
    assert.equal(refused.body().errors[0].code, 'out_of_stock')
    assert.equal(await count('messages', { conversation_id: session.conversationId }), 1)

    // The member sees the card in the conversation.
    const seen = await client.get(`/api/v1/conversations/${session.conversationId}/messages`).bearerToken(session.token)
    assert.equal(seen.body().messages[0].body.code, coupon.code)
  })

  test('product cards carry the product; unknown SKUs and coupon messages by hand are refused', async ({ client, assert }) => {
    const { guide, member } = await guideWithMember()
    const session = await memberSession(client, guide.token, member.id)
    await Product.create({ sku: 'DRESS-01', name: '真丝连衣裙', category: 'dress', price: '1299' })

    const found = await client.get('/api/v1/products').qs({ q: '真丝' }).bearerToken(guide.token)
    assert.deepEqual(found.body().data.map((p: { sku: string }) => p.sku), ['DRESS-01'])

    const post = (type: string, body: Record<string, unknown>) =>
      client.post(`/api/v1/conversations/${session.conversationId}/messages`).bearerToken(guide.token).json({ client_msg_id: clientMsgId(), type, body })
    const card = await post('product', { sku: 'DRESS-01' })
    card.assertStatus(201)
    assert.deepEqual(card.body().message.body, { sku: 'DRESS-01', name: '真丝连衣裙', category: 'dress', price: '1299.00' })
    assert.equal((await post('product', { sku: 'NOPE' })).body().errors[0].field, 'body.sku')
    ;(await post('coupon', { code: 'FAKE' })).assertStatus(422)
    ;(await post('system', { text: 'x' })).assertStatus(422)
    const link = await post('link', { url: 'https://shop.example.com/p/1', title: '新品' })
    link.assertStatus(201)
    assert.equal(link.body().message.body.title, '新品')
  })

  test('a store manager takes a chat over to write in it; a guide may not take over', async ({ client, assert }) => {
    const { store, guide, member } = await guideWithMember()
    const session = await memberSession(client, guide.token, member.id)
    const manager = await staffWithToken('manager', { store })
    const elsewhere = await staffWithToken('manager')

    const before = await say(client, manager.token, session.conversationId, '我来')
    before.assertStatus(403)
    assert.equal(before.body().errors[0].code, 'not_participant')
    ;(await client.post(`/api/v1/conversations/${session.conversationId}/takeover`).bearerToken(guide.token)).assertStatus(403)
    ;(await client.post(`/api/v1/conversations/${session.conversationId}/takeover`).bearerToken(elsewhere.token)).assertStatus(404)

    const taken = await client.post(`/api/v1/conversations/${session.conversationId}/takeover`).bearerToken(manager.token)
    taken.assertStatus(200)
    assert.equal(taken.body().taken_over_by, manager.staff.id)
    ;(await say(client, manager.token, session.conversationId, '我是店长')).assertStatus(201)
    const messages = await client.get(`/api/v1/conversations/${session.conversationId}/messages`).bearerToken(session.token)
    assert.deepEqual(
      messages.body().messages.map((m: { type: string; body: { event?: string; text: string } }) => [m.type, m.body.event ?? m.body.text]),
      [['system', 'takeover'], ['text', '我是店长']]
    )
    const released = await client.delete(`/api/v1/conversations/${session.conversationId}/takeover`).bearerToken(manager.token)
    assert.isNull(released.body().taken_over_by)
  })

  test('transfer moves the chat with the member\'s owning guide; PUT /members/:id/owner does the same', async ({ client, assert }) => {
    const { store, guide, member } = await guideWithMember()
    const session = await memberSession(client, guide.token, member.id)
    await say(client, session.token, session.conversationId, '你好').then((r) => r.assertStatus(201))
    const manager = await staffWithToken('manager', { store })
    const next = await staffWithToken('guide', { store })

    ;(await client.post(`/api/v1/conversations/${session.conversationId}/transfer`).bearerToken(guide.token).json({ staff_id: next.staff.id })).assertStatus(403)
    const moved = await client.post(`/api/v1/conversations/${session.conversationId}/transfer`).bearerToken(manager.token).json({ staff_id: next.staff.id })
    moved.assertStatus(200)
    assert.deepEqual(moved.body().owner, { id: next.staff.id, name: next.staff.name })
    assert.equal((await Member.findOrFail(member.id)).ownerStaffId, next.staff.id)
    ;(await client.get(`/api/v1/conversations/${session.conversationId}`).bearerToken(guide.token)).assertStatus(404)
    ;(await client.get(`/api/v1/conversations/${session.conversationId}`).bearerToken(next.token)).assertStatus(200)
    ;(await say(client, next.token, session.conversationId, '我接手了')).assertStatus(201)
    ;(await say(client, guide.token, session.conversationId, '还是我')).assertStatus(404)

    // The member keeps the same chat, now with the new guide.
    const me = await client.get('/api/v1/member/me').bearerToken(session.token)
    assert.equal(me.body().conversation.guide.id, next.staff.id)

    const hq = await staffWithToken('hq')
    const third = await staffWithToken('guide')
    ;(await client.put(`/api/v1/members/${member.id}/owner`).bearerToken(hq.token).json({ staff_id: third.staff.id })).assertStatus(200)
    const detail = await client.get(`/api/v1/conversations/${session.conversationId}`).bearerToken(third.token)
    detail.assertStatus(200)
    assert.equal(detail.body().owner.id, third.staff.id)
    assert.equal(detail.body().store_id, third.staff.storeId)
    const events = await client.get(`/api/v1/conversations/${session.conversationId}/messages`).bearerToken(third.token)
    assert.deepEqual(
      events.body().messages.filter((m: { type: string }) => m.type === 'system').map((m: { body: { to_staff_id: number } }) => m.body.to_staff_id),
      [next.staff.id, third.staff.id]
    )
  })

  test('store managers see response times per guide of their store; guides may not', async ({ client, assert }) => {
    const { store, guide, member } = await guideWithMember()
    const slow = await enrol({ ownerStaffId: guide.staff.id, registerStoreId: store.id, name: '等待者' })
    const a = await memberSession(client, guide.token, member.id)
    const b = await memberSession(client, guide.token, slow.id)
    await say(client, a.token, a.conversationId, '在吗').then((r) => r.assertStatus(201))
    await say(client, a.token, a.conversationId, '？').then((r) => r.assertStatus(201))
    // The wait started 90 s ago (the first unanswered message counts).
    await db.from('conversations').where('id', a.conversationId).update({ first_response_pending_since: DateTime.utc().minus({ seconds: 90 }).toJSDate() })
    await say(client, guide.token, a.conversationId, '在的').then((r) => r.assertStatus(201))
    await say(client, b.token, b.conversationId, '有人吗').then((r) => r.assertStatus(201))

    const manager = await staffWithToken('manager', { store })
    const stats = await client.get('/api/v1/conversations/stats').bearerToken(manager.token)
    stats.assertStatus(200)
    const row = stats.body().data.find((r: { staff: { id: number } }) => r.staff.id === guide.staff.id)
    assert.deepInclude(row, { conversations: 1, answered: 1, unanswered: 1 })
    assert.closeTo(row.median_first_response_seconds, 90, 2)
    ;(await client.get('/api/v1/conversations/stats').bearerToken(guide.token)).assertStatus(403)
  })
})

test.group('Community groups', (group) => {
  group.each.setup(() => resetState())

  test('HQ creates a store group; its guides post, members read and reply; others see nothing', async ({ client, assert }) => {
    const { store, guide, member } = await guideWithMember()
    const session = await memberSession(client, guide.token, member.id)
    const other = await enrol({ name: '李雷' })
    const hq = await staffWithToken('hq')
    const outsider = await staffWithToken('guide')

    ;(await client.post('/api/v1/conversations/groups').bearerToken(guide.token).json({ title: 'x', member_ids: [] })).assertStatus(403)
    ;(await client.post('/api/v1/conversations/groups').bearerToken(hq.token).json({ title: 'x', member_ids: [999999] })).assertStatus(422)
    const created = await client
      .post('/api/v1/conversations/groups')
      .bearerToken(hq.token)
      .json({ title: '新品品鉴会', store_id: store.id, member_ids: [member.id, other.id] })
    created.assertStatus(201)
    const groupId = created.body().id
    assert.equal(created.body().kind, 'group')

    ;(await say(client, guide.token, groupId, '周六下午三点见')).assertStatus(201)
    ;(await say(client, session.token, groupId, '我会来')).assertStatus(201)
    ;(await client.get(`/api/v1/conversations/${groupId}`).bearerToken(outsider.token)).assertStatus(404)

    const mine = await client.get('/api/v1/member/conversations').bearerToken(session.token)
    assert.sameMembers(mine.body().data.map((c: { id: number }) => c.id), [groupId, session.conversationId])
    const messages = await client.get(`/api/v1/conversations/${groupId}/messages`).bearerToken(session.token)
    assert.deepEqual(
      messages.body().messages.map((m: { sender_type: string; sender_name: string | null }) => [m.sender_type, m.sender_name]),
      [['system', null], ['staff', guide.staff.name], ['member', '王静']]
    )
    // HQ joins by writing.
    ;(await say(client, hq.token, groupId, '欢迎大家')).assertStatus(201)

    // A member added later reads the group from then on.
    const later = await guideWithMember({ store, memberName: '韩梅梅' })
    const laterSession = await memberSession(client, later.guide.token, later.member.id)
    ;(await client.get(`/api/v1/conversations/${groupId}/messages`).bearerToken(laterSession.token)).assertStatus(404)
    ;(await say(client, laterSession.token, groupId, '我也想来')).assertStatus(404)
    const added = await client.post(`/api/v1/conversations/groups/${groupId}/members`).bearerToken(hq.token).json({ member_ids: [later.member.id, member.id] })
    added.assertStatus(200)
    assert.equal(added.body().added, 1)
    const history = await client.get(`/api/v1/conversations/${groupId}/messages`).bearerToken(laterSession.token)
    history.assertStatus(200)
    assert.deepEqual(history.body().messages.at(-1).body.member_ids, [later.member.id])
  })
})
