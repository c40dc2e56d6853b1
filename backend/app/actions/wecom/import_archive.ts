import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { SimulatorArchive, type ArchiveMessage, type MessageArchive } from '@rapport/wecom'
import Conversation from '#models/conversation'
import type ConversationParticipant from '#models/conversation_participant'
import Staff from '#models/staff'
import WecomContact from '#models/wecom_contact'
import WecomGroup from '#models/wecom_group'
import { ConversationChannel, ConversationKind, MessageSource, MessageType, ParticipantType, SenderType } from '#enums/conversation'
import { participantsOf } from '#queries/conversations/conversation_queries'
import { appendMessage, join, publishNewMessage } from '#services/messenger'
import { isDuplicateKey, transaction } from '#services/transactions'
import { withLock } from '#services/redis_lock'
import { wecomClient } from '#services/wecom'

const CURSOR = 'wecom'
const PAGE = 500
/** A message whose people are still unknown after this long is skipped (logged), not waited for. */
const GIVE_UP_MS = 10 * 60 * 1000

type Sender = { type: SenderType; id: number | null; name: string | null }

/**
 * Brings the WeCom session archive into Rapport's conversations, marked as WeCom: one direct
 * conversation per guide and WeCom contact, one group conversation per customer group. The
 * archive is read from the stored cursor on, one page at a time; a message already imported
 * (its WeCom msgid is unique) is skipped, so a crash between a message and the cursor only
 * repeats work. Messages from people Rapport does not know (a staff member without a WeCom
 * account here, a contact not synced yet) are left for a later run: the cursor stops there,
 * for ten minutes at most; then the message is skipped with a warning.
 */
export default class ImportWecomArchive {
  constructor(private archive: MessageArchive = new SimulatorArchive(wecomClient())) {}

  async handle(): Promise<number> {
    return withLock('wecom-archive-import', async () => {
      let imported = 0
      for (;;) {
        const from = await cursor()
        const page = await this.archive.fetch(from, PAGE)
        for (const message of page) {
          if (!(await this.#import(message))) return imported
          imported += 1
          await advance(message.seq)
        }
        if (page.length < PAGE) return imported
      }
    })
  }

  /** Returns false when the message cannot be placed yet. */
  async #import(message: ArchiveMessage): Promise<boolean> {
    if (message.action !== 'send') return true
    const body = { text: message.msgtype === 'text' ? (message.text?.content ?? '') : `[${message.msgtype}]` }
    try {
      const result = await transaction(async (trx) => {
        const placed = message.roomid ? await groupConversation(trx, message) : await directConversation(trx, message)
        if (!placed) return null
        const { conversation, participants, sender } = placed
        const stored = await appendMessage(trx, conversation, participants, {
          senderType: sender.type,
          senderId: sender.id,
          type: MessageType.Text,
          body,
          source: MessageSource.Wecom,
          wecomMsgid: message.msgid,
        })
        return { stored, participants, sender, storeId: conversation.storeId }
      })
      if (!result) {
        if (Date.now() - message.msgtime > GIVE_UP_MS) {
          logger.warn({ msgid: message.msgid, seq: message.seq }, 'WeCom archive message skipped: its people are unknown')
          return true
        }
        return false
      }
      publishNewMessage(result.participants, result.stored, result.sender.name, result.storeId)
    } catch (error) {
      if (!isDuplicateKey(error)) throw error // imported before: nothing to do
    }
    return true
  }
}

async function cursor() {
  const row = await db.from('wecom_archive_cursors').where('name', CURSOR).first()
  return Number(row?.last_seq ?? 0)
}

async function advance(seq: number) {
  await db.rawQuery(
    `INSERT INTO wecom_archive_cursors (name, last_seq, updated_at) VALUES (?, ?, ?)
     ON DUPLICATE KEY UPDATE last_seq = VALUES(last_seq), updated_at = VALUES(updated_at)`,
    [CURSOR, seq, new Date()]
  )
}

/** A guide ↔ contact message: one side is a staff member's WeCom userid, the other the contact. */
async function directConversation(trx: TransactionClientContract, message: ArchiveMessage) {
  const ids = [message.from, ...message.tolist]
  const staff = await Staff.query({ client: trx }).whereIn('wecomUserId', ids).first()
  if (!staff) return null
  const external = ids.find((id) => id !== staff.wecomUserId)
  const contact = external ? await WecomContact.query({ client: trx }).where('externalUserid', external).first() : null
  if (!contact) return null

  const key = `wecom:${staff.wecomUserId}:${contact.externalUserid}`
  const { conversation, participants } = await ensureConversation(trx, key, {
    kind: ConversationKind.Direct,
    memberId: contact.memberId,
    ownerStaffId: staff.id,
    storeId: staff.storeId,
    wecomExternalUserid: contact.externalUserid,
    title: contact.name,
  })
  await join(trx, conversation, participants, { type: ParticipantType.Staff, id: staff.id })
  if (contact.memberId) await join(trx, conversation, participants, { type: ParticipantType.Member, id: contact.memberId })
  const sender: Sender =
    message.from === staff.wecomUserId
      ? { type: SenderType.Staff, id: staff.id, name: staff.name }
      : { type: SenderType.Member, id: contact.memberId, name: contact.name }
  return { conversation, participants, sender }
}

/** A customer-group message: the group's conversation, its owner taking part. */
async function groupConversation(trx: TransactionClientContract, message: ArchiveMessage) {
  const group = await WecomGroup.query({ client: trx }).where('chatId', message.roomid).first()
  if (!group) return null
  const owner = group.ownerStaffId ? await Staff.find(group.ownerStaffId, { client: trx }) : null
  const { conversation, participants } = await ensureConversation(trx, `wecom-group:${group.chatId}`, {
    kind: ConversationKind.Group,
    memberId: null,
    ownerStaffId: owner?.id ?? null,
    storeId: owner?.storeId ?? null,
    wecomChatId: group.chatId,
    title: group.name,
  })
  if (owner) await join(trx, conversation, participants, { type: ParticipantType.Staff, id: owner.id })

  const staff = await Staff.query({ client: trx }).where('wecomUserId', message.from).first()
  if (staff) return { conversation, participants, sender: { type: SenderType.Staff, id: staff.id, name: staff.name } }
  const contact = await WecomContact.query({ client: trx }).where('externalUserid', message.from).first()
  if (contact?.memberId) await join(trx, conversation, participants, { type: ParticipantType.Member, id: contact.memberId })
  const sender: Sender = { type: SenderType.Member, id: contact?.memberId ?? null, name: contact?.name ?? null }
  return { conversation, participants, sender }
}

/** Finds the conversation by its key, locked, or creates it (a concurrent creator's row wins). */
async function ensureConversation(
  trx: TransactionClientContract,
  key: string,
  fields: Partial<Pick<Conversation, 'kind' | 'memberId' | 'ownerStaffId' | 'storeId' | 'wecomExternalUserid' | 'wecomChatId' | 'title'>>
): Promise<{ conversation: Conversation; participants: ConversationParticipant[] }> {
  let conversation = await Conversation.query({ client: trx }).where('directKey', key).forUpdate().first()
  if (!conversation) {
    conversation = await Conversation.create({ ...fields, channel: ConversationChannel.Wecom, directKey: key, lastSeq: 0 }, { client: trx })
    conversation = await Conversation.query({ client: trx }).where('id', conversation.id).forUpdate().firstOrFail()
  }
  return { conversation, participants: await participantsOf(conversation.id, trx) }
}
