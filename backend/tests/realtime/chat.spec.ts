import { test } from '@japa/runner'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import redis from '@adonisjs/redis/services/main'
import logger from '@adonisjs/core/services/logger'
import { RealtimeGateway } from '#realtime/gateway'
import type { MessageNewPayload, MessageStatusPayload, TypingPayload } from '#realtime/events'
import { resetState } from '#tests/helpers/database'
import { staffWithToken } from '#tests/helpers/auth'
import { count } from '#tests/helpers/loyalty'
import { eventually } from '#tests/helpers/tagging'
import { ack, clientMsgId, collect, guideWithMember, memberSession, next, openSocket, quiet, ready, text } from '#tests/helpers/chat'

test.group('Chat over sockets', (group) => {
  group.each.setup(() => resetState())

  test('guide → member and member → guide, in seq order, with delivered and read receipts', async ({ client, assert, cleanup }) => {
    const { guide, member } = await guideWithMember()
    const session = await memberSession(client, guide.token, member.id)
    const staffSocket = openSocket('/console', guide.token)
    const memberSocket = openSocket('/member', session.token)
    cleanup(() => void staffSocket.close())
    cleanup(() => void memberSocket.close())
    await Promise.all([ready(staffSocket), ready(memberSocket)])
    const atMember = collect<MessageNewPayload>(memberSocket, 'message:new')

    const sent = []
    for (const words of ['您好，王女士', '新品到店了', '周末有空来试试吗？']) {
      const answer = await ack(staffSocket, 'message:send', text(session.conversationId, words))
      assert.isTrue(answer.ok, JSON.stringify(answer))
      if (answer.ok) sent.push(answer.message)
    }
    assert.deepEqual(sent.map((m) => m.seq), [1, 2, 3])
    await eventually('the member has 3 messages', async () => atMember.length >= 3)
    assert.deepEqual(atMember.map((p) => [p.message.seq, p.message.body.text, p.message.sender_type]), [
      [1, '您好，王女士', 'staff'],
      [2, '新品到店了', 'staff'],
      [3, '周末有空来试试吗？', 'staff'],
    ])
    assert.equal(atMember[0].message.sender_name, guide.staff.name)

    // Receipts: the member's page marks delivered, then read; the guide sees both.
    const delivered = next<MessageStatusPayload>(staffSocket, 'message:status')
    const marked = await ack(memberSocket, 'message:delivered', { conversation_id: session.conversationId, seq: 3 })
    assert.deepInclude(marked, { ok: true, delivered_seq: 3, read_seq: 0 })
    assert.deepEqual(await delivered, {
      conversation_id: session.conversationId,
      participant_type: 'member',
      participant_id: member.id,
      delivered_seq: 3,
      read_seq: 0,
    })
    const read = next<MessageStatusPayload>(staffSocket, 'message:status')
    await ack(memberSocket, 'message:read', { conversation_id: session.conversationId, seq: 2 })
    assert.deepInclude(await read, { participant_type: 'member', delivered_seq: 3, read_seq: 2 })

    // The member types and answers; the guide sees both live, and reads.
    const typing = next<TypingPayload>(staffSocket, 'typing')
    memberSocket.emit('typing', { conversation_id: session.conversationId })
    assert.deepEqual(await typing, { conversation_id: session.conversationId, sender_type: 'member', sender_id: member.id })

    const atGuide = next<MessageNewPayload>(staffSocket, 'message:new', (p) => p.message.sender_type === 'member')
    const reply = await ack(memberSocket, 'message:send', text(session.conversationId, '好的，周六下午去'))
    assert.isTrue(reply.ok)
    const live = await atGuide
    assert.equal(live.message.seq, 4)
    assert.equal(live.message.sender_id, member.id)
    assert.equal(live.message.body.text, '好的，周六下午去')

    const guideRead = next<MessageStatusPayload>(memberSocket, 'message:status')
    await ack(staffSocket, 'message:read', { conversation_id: session.conversationId, seq: 4 })
    assert.deepInclude(await guideRead, { participant_type: 'staff', participant_id: guide.staff.id, read_seq: 4 })
  })

  test('a member away for 10 s while 20 messages arrive gets all 20, in order, once, by catch-up', async ({ client, assert, cleanup }) => {
    const { guide, member } = await guideWithMember()
    const session = await memberSession(client, guide.token, member.id)
    const staffSocket = openSocket('/console', guide.token)
    cleanup(() => void staffSocket.close())
    await ready(staffSocket)

    let memberSocket = openSocket('/member', session.token)
    await ready(memberSocket)
    const seen = new Map<number, number>()
    const watch = (socket: typeof memberSocket) =>
      socket.on('message:new', (p: MessageNewPayload) => seen.set(p.message.seq, (seen.get(p.message.seq) ?? 0) + 1))
    watch(memberSocket)
    await ack(staffSocket, 'message:send', text(session.conversationId, 'before 1'))
    await ack(staffSocket, 'message:send', text(session.conversationId, 'before 2'))
    await eventually('the member has seen 2 messages', async () => seen.has(2))
    const lastSeen = Math.max(...seen.keys())
    assert.equal(lastSeen, 2)

    memberSocket.close()
    const awayFrom = Date.now()
    for (let i = 1; i <= 20; i++) {
      const answer = await ack(staffSocket, 'message:send', text(session.conversationId, `missed ${i}`))
      assert.isTrue(answer.ok)
      await new Promise((resolve) => setTimeout(resolve, 450))
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 10_000 - (Date.now() - awayFrom))))

    memberSocket = openSocket('/member', session.token)
    cleanup(() => void memberSocket.close())
    watch(memberSocket)
    await ready(memberSocket)
    const caughtUp = await client
      .get(`/api/v1/conversations/${session.conversationId}/messages`)
      .qs({ after_seq: lastSeen })
      .bearerToken(session.token)
    caughtUp.assertStatus(200)
    const messages = caughtUp.body().messages as { seq: number; body: { text: string } }[]
    assert.deepEqual(messages.map((m) => m.seq), Array.from({ length: 20 }, (_, i) => i + 3))
    assert.deepEqual(messages.map((m) => m.body.text), Array.from({ length: 20 }, (_, i) => `missed ${i + 1}`))
    assert.isFalse(caughtUp.body().has_more)

    // Live again: new messages arrive once, and nothing missed is replayed live.
    await ack(staffSocket, 'message:send', text(session.conversationId, 'back 1'))
    await next(memberSocket, 'message:new', (p: MessageNewPayload) => p.message.seq === 23)
    await quiet(200)
    assert.deepEqual([...seen.entries()].sort((a, b) => a[0] - b[0]), [[1, 1], [2, 1], [23, 1]])
  }).timeout(30_000)

  test('the same client_msg_id sent twice, even at once, stores and announces one message', async ({ client, assert, cleanup }) => {
    const { guide, member } = await guideWithMember()
    const session = await memberSession(client, guide.token, member.id)
    const staffSocket = openSocket('/console', guide.token)
    const memberSocket = openSocket('/member', session.token)
    cleanup(() => void staffSocket.close())
    cleanup(() => void memberSocket.close())
    await Promise.all([ready(staffSocket), ready(memberSocket)])
    const atMember = collect<MessageNewPayload>(memberSocket, 'message:new')

    const payload = text(session.conversationId, '只发一次', clientMsgId('retry'))
    const [first, second] = await Promise.all([ack(staffSocket, 'message:send', payload), ack(staffSocket, 'message:send', payload)])
    const third = await ack(staffSocket, 'message:send', payload)
    assert.isTrue(first.ok && second.ok && third.ok)
    if (first.ok && second.ok && third.ok) {
      assert.equal(first.message.id, second.message.id)
      assert.equal(first.message.id, third.message.id)
      assert.equal(third.message.seq, 1)
    }
    // The member's retry of their own id is theirs: ids are unique per sender.
    const own = await ack(memberSocket, 'message:send', text(session.conversationId, '我的', payload.client_msg_id))
    assert.isTrue(own.ok)
    await quiet(300)
    assert.equal(await count('messages', { conversation_id: session.conversationId }), 2)
    assert.deepEqual(atMember.map((p) => p.message.seq), [1, 2])
  })

  test('a person sending faster than anyone types is refused with rate_limited, over all their sockets, stores nothing more, and may send again after a pause', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { guide, member } = await guideWithMember()
    const session = await memberSession(client, guide.token, member.id)
    // A runaway script opens three sockets: they share one allowance.
    const sockets = [1, 2, 3].map(() => openSocket('/console', guide.token))
    cleanup(() => sockets.forEach((socket) => void socket.close()))
    await Promise.all(sockets.map(ready))

    const burst = await Promise.all(
      Array.from({ length: 45 }, (_, i) => ack(sockets[i % 3], 'message:send', text(session.conversationId, `第${i}条`)))
    )
    const sent = burst.filter((a) => a.ok).length
    const refused = burst.filter((a) => !a.ok)
    assert.isAtLeast(sent, 30)
    assert.isAtMost(sent, 35)
    for (const answer of refused) if (!answer.ok) assert.equal(answer.errors[0].code, 'rate_limited')
    assert.equal(await count('messages', { conversation_id: session.conversationId }), sent)

    // Another socket, opened now, does not bring a fresh allowance.
    const another = openSocket('/console', guide.token)
    cleanup(() => void another.close())
    await ready(another)
    const again = await Promise.all(Array.from({ length: 10 }, (_, i) => ack(another, 'message:send', text(session.conversationId, `又${i}条`))))
    assert.isAbove(again.filter((a) => !a.ok).length, 0)

    await quiet(500)
    const later = await ack(sockets[0], 'message:send', text(session.conversationId, '稍后再发'))
    assert.isTrue(later.ok)
  })

  test('two web processes: a message sent through process A reaches a member connected to process B', async ({ client, assert, cleanup }) => {
    // Process B: its own HTTP server, socket.io server and Redis adapter connections, the same gateway class.
    const httpB = createServer()
    const gatewayB = new RealtimeGateway(redis.connection('main').ioConnection, logger)
    gatewayB.attach(httpB)
    await new Promise<void>((resolve) => httpB.listen(0, '127.0.0.1', resolve))
    cleanup(async () => {
      await gatewayB.close()
      await new Promise((resolve) => httpB.close(resolve))
    })
    const urlB = `http://127.0.0.1:${(httpB.address() as AddressInfo).port}`

    const { guide, member } = await guideWithMember()
    const session = await memberSession(client, guide.token, member.id)
    const staffOnA = openSocket('/console', guide.token)
    const memberOnB = openSocket('/member', session.token, urlB)
    cleanup(() => void staffOnA.close())
    cleanup(() => void memberOnB.close())
    await Promise.all([ready(staffOnA), ready(memberOnB)])
    assert.lengthOf(await gatewayB.io!.of('/member').local.in(`member:${member.id}`).fetchSockets(), 1)

    const arrives = next<MessageNewPayload>(memberOnB, 'message:new')
    const sent = await ack(staffOnA, 'message:send', text(session.conversationId, '跨进程'))
    assert.isTrue(sent.ok)
    assert.equal((await arrives).message.body.text, '跨进程')

    // And back: the member writes through B, the guide on A hears it.
    const back = next<MessageNewPayload>(staffOnA, 'message:new', (p) => p.message.sender_type === 'member')
    await ack(memberOnB, 'message:send', text(session.conversationId, '收到'))
    assert.equal((await back).message.seq, 2)
  })

  test('a guide asking for another guide\'s conversation gets not_found, and hears nothing of it', async ({ client, assert, cleanup }) => {
    const { store, guide, member } = await guideWithMember()
    const session = await memberSession(client, guide.token, member.id)
    const other = await guideWithMember({ store })
    const otherSocket = openSocket('/console', other.guide.token)
    const guideSocket = openSocket('/console', guide.token)
    cleanup(() => void otherSocket.close())
    cleanup(() => void guideSocket.close())
    await Promise.all([ready(otherSocket), ready(guideSocket)])
    const overheard = collect<MessageNewPayload>(otherSocket, 'message:new')
    const overheardTyping = collect<TypingPayload>(otherSocket, 'typing')

    const answer = await ack(otherSocket, 'message:send', text(session.conversationId, '插一句'))
    assert.deepEqual(answer, { ok: false, errors: [{ code: 'not_found', message: 'Conversation not found' }] })
    const read = await ack(otherSocket, 'message:read', { conversation_id: session.conversationId, seq: 1 })
    assert.isFalse(read.ok)
    if (!read.ok) assert.equal(read.errors[0].code, 'not_found')
    otherSocket.emit('typing', { conversation_id: session.conversationId })

    await ack(guideSocket, 'message:send', text(session.conversationId, '只给王静'))
    await quiet(300)
    assert.lengthOf(overheard, 0)
    assert.lengthOf(overheardTyping, 0)
    assert.equal(await count('messages', { conversation_id: session.conversationId }), 1)
  })

  test('a store manager hears the store\'s chats live; a bystander guide and another store\'s manager do not', async ({ client, assert, cleanup }) => {
    const { store, guide, member } = await guideWithMember()
    const session = await memberSession(client, guide.token, member.id)
    const manager = await staffWithToken('manager', { store })
    const bystander = await staffWithToken('guide', { store })
    const elsewhere = await staffWithToken('manager')
    const sockets = {
      manager: openSocket('/console', manager.token),
      bystander: openSocket('/console', bystander.token),
      elsewhere: openSocket('/console', elsewhere.token),
      guide: openSocket('/console', guide.token),
      member: openSocket('/member', session.token),
    }
    for (const socket of Object.values(sockets)) cleanup(() => void socket.close())
    const managerReady = new Promise<{ rooms: string[] }>((resolve) => sockets.manager.once('session:ready', resolve))
    await Promise.all([sockets.bystander, sockets.elsewhere, sockets.guide, sockets.member].map(ready))
    assert.include((await managerReady).rooms, `store-managers:${store.id}`)
    const atManager = collect<MessageNewPayload>(sockets.manager, 'message:new')
    const atBystander = collect<MessageNewPayload>(sockets.bystander, 'message:new')
    const atElsewhere = collect<MessageNewPayload>(sockets.elsewhere, 'message:new')

    await ack(sockets.guide, 'message:send', text(session.conversationId, '王女士您好'))
    await ack(sockets.member, 'message:send', text(session.conversationId, '您好'))
    await eventually('the manager has both messages', async () => atManager.length >= 2)
    await quiet(300)
    assert.deepEqual(atManager.map((p) => [p.conversation_id, p.message.seq, p.message.sender_type]), [
      [session.conversationId, 1, 'staff'],
      [session.conversationId, 2, 'member'],
    ])
    assert.lengthOf(atBystander, 0)
    assert.lengthOf(atElsewhere, 0)

    // Once the manager takes it over (a participant too), each message still reaches them once.
    const takeover = await client.post(`/api/v1/conversations/${session.conversationId}/takeover`).bearerToken(manager.token)
    assert.oneOf(takeover.status(), [200, 204])
    await ack(sockets.member, 'message:send', text(session.conversationId, '还在吗'))
    await eventually('the manager has the takeover and the reply', async () => atManager.length >= 4)
    await quiet(300)
    assert.deepEqual(atManager.map((p) => p.message.seq), [1, 2, 3, 4])
    assert.lengthOf(atBystander, 0)
    assert.lengthOf(atElsewhere, 0)
  })

  test('a member token cannot write in another member\'s conversation; bad input is refused by field', async ({ client, assert, cleanup }) => {
    const first = await guideWithMember()
    const second = await guideWithMember({ memberName: '李雷' })
    const mine = await memberSession(client, first.guide.token, first.member.id)
    const theirs = await memberSession(client, second.guide.token, second.member.id)
    const socket = openSocket('/member', mine.token)
    cleanup(() => void socket.close())
    await ready(socket)

    const foreign = await ack(socket, 'message:send', text(theirs.conversationId, 'hi'))
    assert.isFalse(foreign.ok)
    if (!foreign.ok) assert.equal(foreign.errors[0].code, 'not_found')

    const tooLong = await ack(socket, 'message:send', text(mine.conversationId, 'x'.repeat(4001)))
    assert.isFalse(tooLong.ok)
    if (!tooLong.ok) assert.deepInclude(tooLong.errors[0], { code: 'invalid', field: 'body.text' })

    const product = await ack(socket, 'message:send', { ...text(mine.conversationId, ''), type: 'product', body: { sku: 'X' } })
    assert.isFalse(product.ok)
    if (!product.ok) assert.deepInclude(product.errors[0], { code: 'invalid', field: 'type' })

    const script = await ack(socket, 'message:send', { ...text(mine.conversationId, ''), type: 'image', body: { url: 'javascript:alert(1)' } })
    assert.isFalse(script.ok)
    if (!script.ok) assert.equal(script.errors[0].field, 'body.url')

    const noId = await ack(socket, 'message:send', { conversation_id: mine.conversationId, type: 'text', body: { text: 'hi' } })
    assert.isFalse(noId.ok)
    if (!noId.ok) assert.equal(noId.errors[0].field, 'client_msg_id')
    assert.equal(await count('messages'), 0)
  })

  test('the member namespace takes member tokens only, and places the socket in member:{id}', async ({ client, assert, cleanup }) => {
    const { guide, member } = await guideWithMember()
    const session = await memberSession(client, guide.token, member.id)
    for (const token of ['rpm_forged', guide.token, '']) {
      const refused = openSocket('/member', token)
      const error = await new Promise<string>((resolve) => refused.once('connect_error', (e) => resolve(e.message)))
      assert.equal(error, 'unauthorized')
      refused.close()
    }
    const socket = openSocket('/member', session.token)
    cleanup(() => void socket.close())
    const ready = await new Promise<{ member_id: number; rooms: string[] }>((resolve) => socket.once('session:ready', resolve))
    assert.deepEqual(ready, { member_id: member.id, rooms: [`member:${member.id}`] })
  })
})
