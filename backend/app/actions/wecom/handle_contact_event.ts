import logger from '@adonisjs/core/services/logger'
import { DateTime } from 'luxon'
import { WecomApiError, type WecomEvent } from '@rapport/wecom'
import WecomChannelCode from '#models/wecom_channel_code'
import WecomContact from '#models/wecom_contact'
import WecomFollow from '#models/wecom_follow'
import WecomLostCustomer from '#models/wecom_lost_customer'
import WecomWelcomeMessage from '#models/wecom_welcome_message'
import Staff from '#models/staff'
import { FollowStatus } from '#enums/wecom'
import { rooms } from '#realtime/events'
import { toConsole } from '#realtime/emitter'
import { transaction } from '#services/transactions'
import { wecomClient } from '#services/wecom'
import { refreshStatus, upsertContact } from '#services/wecom_contacts'
import { applyFollowTags } from '#services/wecom_tags'
import { markTransferFailed } from '#actions/wecom/handovers'

type ContactEvent = Extract<WecomEvent, { kind: 'contact' }>

/** WeCom's answer when the external user is not (or no longer) a contact of that staff member. */
const NOT_A_CONTACT = 84061
/** del_external_contact's Source when the relation ended because the customer was transferred. */
const TRANSFERRED = 'DELETE_BY_TRANSFER'

/**
 * change_external_contact: keeps contacts and follow relations in step with WeCom, sends the
 * channel's welcome message to a new contact, and records (and announces) lost customers.
 */
export default class HandleContactEvent {
  async handle(event: ContactEvent) {
    switch (event.changeType) {
      case 'add_external_contact':
      case 'add_half_external_contact':
      case 'edit_external_contact':
        return this.#refresh(event)
      case 'del_follow_user':
      case 'del_external_contact':
        // A completed handover deletes the old guide's relation: the handover moves it instead.
        if (event.source === TRANSFERRED) return
        return this.#lost(event, event.changeType)
      case 'transfer_fail':
        return markTransferFailed(event.userId, event.externalUserId, event.failReason ?? '')
    }
  }

  /**
   * Fetches the contact as WeCom has it now (the callback carries only ids) and converges. The
   * welcome goes out only for a full add that came with a welcome code.
   */
  async #refresh(event: ContactEvent) {
    let detail
    try {
      detail = await wecomClient().getContact(event.externalUserId)
    } catch (error) {
      // Gone again before we looked (deleted, or a half add not accepted): nothing to keep.
      if (error instanceof WecomApiError && error.errcode === NOT_A_CONTACT) return
      throw error
    }
    const contact = await transaction(async (trx) => {
      const { contact } = await upsertContact(trx, detail.external_contact, detail.follow_user)
      await applyFollowTags(trx, contact.id)
      return contact
    })
    if (event.changeType === 'add_external_contact' && event.welcomeCode) {
      await this.#welcome(contact, event.userId, event.welcomeCode)
    }
  }

  /**
   * Sends the channel code's welcome message with the add event's welcome code, once: WeCom
   * accepts a code only within 20 s and only once, so a retry that finds the code used (41051)
   * is recorded, not retried.
   */
  async #welcome(contact: WecomContact, userid: string, welcomeCode: string) {
    if (await WecomWelcomeMessage.findBy('welcomeCode', welcomeCode)) return
    const follow = await WecomFollow.query().where('contactId', contact.id).where('wecomUserid', userid).firstOrFail()
    const code = follow.channelCodeId ? await WecomChannelCode.find(follow.channelCodeId) : null
    if (!code?.welcomeText && !code?.welcomeAttachments?.length) return

    let errcode: number | null = null
    try {
      await wecomClient().sendWelcomeMsg({
        welcome_code: welcomeCode,
        ...(code.welcomeText ? { text: { content: personalise(code.welcomeText, contact) } } : {}),
        ...(code.welcomeAttachments?.length ? { attachments: code.welcomeAttachments as never } : {}),
      })
    } catch (error) {
      if (!(error instanceof WecomApiError)) throw error
      errcode = error.errcode
      logger.warn({ errcode, contact: contact.id }, 'WeCom refused the welcome message')
    }
    await WecomWelcomeMessage.create({
      welcomeCode,
      followId: follow.id,
      channelCodeId: code.id,
      status: errcode === null ? 'sent' : 'failed',
      errcode,
    })
  }

  async #lost(event: ContactEvent, source: 'del_follow_user' | 'del_external_contact') {
    const lost = await transaction(async (trx) => {
      const contact = await WecomContact.query({ client: trx }).where('externalUserid', event.externalUserId).forUpdate().first()
      if (!contact) return null
      const follow = await WecomFollow.query({ client: trx })
        .where('contactId', contact.id)
        .where('wecomUserid', event.userId)
        .forUpdate()
        .first()
      if (!follow || follow.status !== FollowStatus.Active) return null
      const at = DateTime.fromSeconds(event.createTime || Math.floor(Date.now() / 1000))
      follow.merge({
        status: source === 'del_follow_user' ? FollowStatus.DeletedByCustomer : FollowStatus.DeletedByStaff,
        deletedAt: at,
      })
      await follow.useTransaction(trx).save()
      await refreshStatus(trx, contact)
      const record = await WecomLostCustomer.create(
        { contactId: contact.id, followId: follow.id, staffId: follow.staffId, memberId: contact.memberId, source, at },
        { client: trx }
      )
      return { contact, record }
    })
    if (lost) await announce(lost.contact, lost.record)
  }
}

/** `{{name}}` in a welcome text becomes the contact's WeCom name. */
function personalise(text: string, contact: WecomContact) {
  return text.replaceAll('{{name}}', contact.name)
}

/** Tells the guide (and their store's managers) right away; best effort. */
async function announce(contact: WecomContact, record: WecomLostCustomer) {
  try {
    const staff = record.staffId ? await Staff.find(record.staffId) : null
    const targets = [staff ? rooms.staff(staff.id) : null, staff?.storeId ? rooms.store(staff.storeId) : null].filter(
      (room): room is string => room !== null
    )
    if (targets.length === 0) return
    toConsole()
      .to(targets)
      .emit('wecom:lost', {
        contact: { id: contact.id, name: contact.name },
        staff_id: record.staffId,
        member_id: record.memberId,
        source: record.source,
        at: record.at.toISO()!,
      })
  } catch (error) {
    logger.warn({ err: error }, 'lost customer not announced')
  }
}
