import { test } from '@japa/runner'
import type { Worker } from 'bullmq'
import type { Simulator } from '@rapport/wecom/simulator'
import Conversation from '#models/conversation'
import Message from '#models/message'
import MemberIdentity from '#models/member_identity'
import ImportWecomArchive from '#actions/wecom/import_archive'
import { IdentityType } from '#enums/loyalty'
import type { QueueService } from '#services/queue_service'
import { resetState } from '#tests/helpers/database'
import { staffWithToken } from '#tests/helpers/auth'
import { enrol } from '#tests/helpers/tagging'
import { startSimulator, wecomDrained, wecomStaff, wecomWorker } from '#tests/helpers/wecom'

test.group('WeCom session archive → conversations', (group) => {
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

  test('chats between a guide and a bound contact land once, in order, marked WeCom, visible to that guide only', async ({ client, assert }) => {
    const guide = await wecomStaff(simulator, 'guide', 'guide_lin')
    const other = await staffWithToken('guide')
    const member = await enrol({ name: 'Mei' })
    await MemberIdentity.create({ memberId: member.id, type: IdentityType.Unionid, value: 'oUnion-a1' })
    const { external_userid: mei } = await simulator.customerAdds({ userid: 'guide_lin', name: 'Mei', unionid: 'oUnion-a1' })
    await wecomDrained(queues)

    simulator.customerWrites(mei, 'guide_lin', 'Is the red coat back in stock?')
    simulator.staffWrites('guide_lin', mei, 'Yes, size M is here <b>today</b>')
    assert.equal(await new ImportWecomArchive().handle(), 2)
    // Read again (a retried job, another worker): nothing new.
    assert.equal(await new ImportWecomArchive().handle(), 0)

    const conversation = await Conversation.query().where('channel', 'wecom').firstOrFail()
    assert.equal(conversation.kind, 'direct')
    assert.equal(conversation.memberId, member.id)
    assert.equal(conversation.ownerStaffId, guide.staff.id)
    const messages = await Message.query().where('conversationId', conversation.id).orderBy('seq')
    assert.deepEqual(
      messages.map((message) => [message.seq, message.senderType, message.source, message.body.text]),
      [
        [1, 'member', 'wecom', 'Is the red coat back in stock?'],
        [2, 'staff', 'wecom', 'Yes, size M is here <b>today</b>'],
      ]
    )

    const mine = await client.get(`/api/v1/conversations/${conversation.id}/messages`).qs({ after_seq: 0 }).bearerToken(guide.token)
    mine.assertStatus(200)
    assert.lengthOf(mine.body().messages, 2)
    ;(await client.get(`/api/v1/conversations/${conversation.id}/messages`).bearerToken(other.token)).assertStatus(404)
  })

  test('customer-group messages land in the group conversation; one from someone unknown waits for them', async ({ assert }) => {
    await wecomStaff(simulator, 'guide', 'guide_lin')
    const { chat_id: chatId } = await simulator.createGroup({
      owner: 'guide_lin',
      name: 'Tea salon',
      members: [{ external_userid: 'wmMei', name: 'Mei' }],
    })
    await wecomDrained(queues)

    simulator.groupMessage(chatId, 'guide_lin', 'Welcome, everyone')
    simulator.groupMessage(chatId, 'wmMei', 'Thanks!')
    assert.equal(await new ImportWecomArchive().handle(), 2)
    const conversation = await Conversation.query().where('wecomChatId', chatId).firstOrFail()
    assert.equal(conversation.kind, 'group')
    assert.equal(conversation.title, 'Tea salon')
    assert.equal(conversation.lastSeq, 2)

    // A guide Rapport does not know yet writes to a contact: the import stops there, not past it.
    simulator.addStaff({ userid: 'guide_new', name: 'New' })
    simulator.staffWrites('guide_new', 'wmMei', 'Hello from a new guide')
    simulator.groupMessage(chatId, 'guide_lin', 'Later message')
    assert.equal(await new ImportWecomArchive().handle(), 0)
    assert.equal((await Conversation.findOrFail(conversation.id)).lastSeq, 2)
  })
})
