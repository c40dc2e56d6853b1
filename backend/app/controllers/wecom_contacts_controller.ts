import type { HttpContext } from '@adonisjs/core/http'
import Member from '#models/member'
import Staff from '#models/staff'
import WecomBindingConflict from '#models/wecom_binding_conflict'
import WecomContact from '#models/wecom_contact'
import WecomLostCustomer from '#models/wecom_lost_customer'
import WecomPolicy from '#policies/wecom_policy'
import BindContact from '#actions/wecom/bind_contact'
import { DataScope } from '#policies/data_scope'
import { NotFoundException } from '#exceptions/api_exceptions'
import { contactPage, findVisibleContact, presentContacts } from '#queries/wecom/contact_queries'
import { actor } from '#services/audit'
import { maskPhone } from '#services/member_registry'
import { bindContactValidator, listContactsValidator, listPageValidator } from '#validators/wecom'

export default class WecomContactsController {
  async index({ auth, request }: HttpContext) {
    const filters = await request.validateUsing(listContactsValidator, { data: request.qs() })
    return contactPage(auth.getUserOrFail(), filters)
  }

  async show({ auth, params }: HttpContext) {
    const staff = auth.getUserOrFail()
    const contact = await findVisibleContact(staff, Number(params.id))
    if (!contact) throw new NotFoundException()
    const [presented] = await presentContacts(staff, [contact])
    return presented
  }

  async bind(ctx: HttpContext) {
    const { auth, bouncer, params, request } = ctx
    await bouncer.with(WecomPolicy).authorize('manage')
    const { member_id: memberId } = await request.validateUsing(bindContactValidator)
    const staff = auth.getUserOrFail()
    if (!(await findVisibleContact(staff, Number(params.id)))) throw new NotFoundException()
    const contact = await new BindContact().bind(Number(params.id), memberId, actor.staff(staff, ctx))
    const [presented] = await presentContacts(staff, [contact])
    return presented
  }

  async unbind(ctx: HttpContext) {
    const { auth, bouncer, params } = ctx
    await bouncer.with(WecomPolicy).authorize('manage')
    const staff = auth.getUserOrFail()
    if (!(await findVisibleContact(staff, Number(params.id)))) throw new NotFoundException()
    const contact = await new BindContact().unbind(Number(params.id), actor.staff(staff, ctx))
    const [presented] = await presentContacts(staff, [contact])
    return presented
  }

  /** Contacts that matched several members, with the candidates, for someone to settle. */
  async conflicts({ bouncer, request }: HttpContext) {
    await bouncer.with(WecomPolicy).authorize('manage')
    const { page = 1, per_page: perPage = 20 } = await request.validateUsing(listPageValidator, { data: request.qs() })
    const result = await WecomBindingConflict.query().orderBy('id', 'desc').paginate(page, perPage)
    const conflicts = result.all()
    const contacts = await WecomContact.query().whereIn('id', conflicts.map((conflict) => conflict.contactId))
    const members = await Member.query().whereIn('id', conflicts.flatMap((conflict) => conflict.candidateMemberIds))
    const contactById = new Map(contacts.map((contact) => [contact.id, contact]))
    const memberById = new Map(members.map((member) => [member.id, member]))
    return {
      data: conflicts.map((conflict) => {
        const contact = contactById.get(conflict.contactId)
        return {
          id: conflict.id,
          contact: contact ? { id: contact.id, name: contact.name, external_userid: contact.externalUserid } : null,
          reason: conflict.reason,
          candidates: conflict.candidateMemberIds
            .map((id) => memberById.get(id))
            .filter((member): member is Member => member !== undefined)
            .map((member) => ({ id: member.id, name: member.name, member_no: member.memberNo, phone: member.phone })),
          created_at: conflict.createdAt.toISO(),
        }
      }),
      meta: { total: result.total, page, per_page: perPage },
    }
  }

  /** Customers who deleted a guide (or were deleted), newest first, in the caller's scope. */
  async lost({ auth, request }: HttpContext) {
    const staff = auth.getUserOrFail()
    const { page = 1, per_page: perPage = 20 } = await request.validateUsing(listPageValidator, { data: request.qs() })
    const query = DataScope.of(staff).ownedByStaff(WecomLostCustomer.query(), 'staff_id').orderBy('at', 'desc').orderBy('id', 'desc')
    const result = await query.paginate(page, perPage)
    const rows = result.all()
    const [contacts, staffRows, members] = await Promise.all([
      WecomContact.query().whereIn('id', rows.map((row) => row.contactId)),
      Staff.query().whereIn('id', rows.map((row) => row.staffId ?? 0)),
      Member.query().whereIn('id', rows.map((row) => row.memberId ?? 0)),
    ])
    const contactById = new Map(contacts.map((contact) => [contact.id, contact]))
    const staffById = new Map(staffRows.map((row) => [row.id, row]))
    const memberById = new Map(members.map((member) => [member.id, member]))
    const fullPhones = DataScope.of(staff).seesFullPhones
    return {
      data: rows.map((row) => {
        const contact = contactById.get(row.contactId)!
        const guide = row.staffId ? staffById.get(row.staffId) : undefined
        const member = row.memberId ? memberById.get(row.memberId) : undefined
        return {
          id: row.id,
          contact: { id: contact.id, name: contact.name, external_userid: contact.externalUserid },
          staff: guide ? { id: guide.id, name: guide.name } : null,
          member: member
            ? { id: member.id, name: member.name, phone: fullPhones ? member.phone : maskPhone(member.phone) }
            : null,
          source: row.source,
          at: row.at.toISO(),
        }
      }),
      meta: { total: result.total, page, per_page: perPage },
    }
  }
}
