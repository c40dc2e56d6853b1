import Member from '#models/member'
import WecomContact from '#models/wecom_contact'
import { ConflictException, UnprocessableException } from '#exceptions/api_exceptions'
import { audit, type Actor } from '#services/audit'
import { transaction } from '#services/transactions'
import { bind, unbind } from '#services/wecom_contacts'
import { applyFollowTags } from '#services/wecom_tags'

/**
 * Binds a WeCom contact to a member by hand (settling a conflict, or a match the automatic
 * binding could not see), or unbinds it. A member has at most one WeCom contact.
 */
export default class BindContact {
  async bind(contactId: number, memberId: number, by: Actor) {
    return transaction(async (trx) => {
      const contact = await WecomContact.query({ client: trx }).where('id', contactId).forUpdate().firstOrFail()
      const member = await Member.find(memberId, { client: trx })
      if (!member) throw new UnprocessableException(`Member ${memberId} does not exist`, 'member_id', 'exists')
      if (contact.memberId === memberId) return contact
      const previous = contact.memberId
      await unbind(trx, contact)
      if (!(await bind(trx, contact, memberId))) {
        throw new ConflictException('This member is already bound to another WeCom contact', 'member_already_bound', 'member_id')
      }
      await applyFollowTags(trx, contact.id)
      await audit(by, 'wecom.contact.bind', { type: 'wecom_contact', id: contact.id }, { member_id: { from: previous, to: memberId } }, trx)
      return contact
    })
  }

  async unbind(contactId: number, by: Actor) {
    return transaction(async (trx) => {
      const contact = await WecomContact.query({ client: trx }).where('id', contactId).forUpdate().firstOrFail()
      const previous = contact.memberId
      if (previous === null) return contact
      await unbind(trx, contact)
      await audit(by, 'wecom.contact.unbind', { type: 'wecom_contact', id: contact.id }, { member_id: { from: previous, to: null } }, trx)
      return contact
    })
  }
}
