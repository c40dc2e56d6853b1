import Member from '#models/member'
import Staff from '#models/staff'
import { StaffRole, StaffStatus } from '#enums/staff'
import { ForbiddenException, UnprocessableException } from '#exceptions/api_exceptions'
import { DataScope } from '#policies/data_scope'
import { audit, type Actor } from '#services/audit'
import { transaction } from '#services/transactions'
import { followMemberOwner } from '#services/direct_conversations'

/**
 * Sets a member's owning guide (专属导购). Admin and HQ may; a store manager may hand a member
 * they see to a guide of their own store. The member's web conversation follows the owner.
 */
export default class SetOwner {
  async handle(memberId: number, staffId: number, actorStaff: Staff, by: Actor) {
    return transaction(async (trx) => {
      const member = await DataScope.of(actorStaff)
        .members(Member.query({ client: trx }))
        .where('id', memberId)
        .forUpdate()
        .firstOrFail()
      const guide = await Staff.query({ client: trx }).where('id', staffId).first()
      if (!guide || guide.status !== StaffStatus.Active) {
        throw new UnprocessableException('Unknown or inactive staff member', 'staff_id', 'exists')
      }
      if (![StaffRole.Guide, StaffRole.StoreManager].includes(guide.role)) {
        throw new UnprocessableException('A member is owned by a guide or store manager', 'staff_id', 'role')
      }
      if (!actorStaff.isHq && !(actorStaff.role === StaffRole.StoreManager && guide.storeId === actorStaff.storeId)) {
        throw new ForbiddenException('You may only assign guides of your own store')
      }
      const before = member.ownerStaffId
      member.ownerStaffId = guide.id
      await member.useTransaction(trx).save()
      await followMemberOwner(trx, member.id, guide.id)
      await audit(by, 'member.owner', { type: 'member', id: member.id }, { owner_staff_id: { from: before, to: guide.id } }, trx)
      return member
    })
  }
}
