import Staff from '#models/staff'
import Store from '#models/store'
import { StaffRole, StaffStatus } from '#enums/staff'
import { ConflictException, UnprocessableException } from '#exceptions/api_exceptions'
import { audit, defined, diff, type Actor } from '#services/audit'
import { transaction } from '#services/transactions'

export type UpdateStaffInput = Partial<{
  name: string
  email: string
  password: string
  role: StaffRole
  storeId: number | null
  staffNo: string | null
  wecomUserId: string | null
  status: StaffStatus
}>

/**
 * Changes a staff account. A resigned account's tokens are revoked in the same transaction.
 */
export default class UpdateStaff {
  async handle(staffId: number, input: UpdateStaffInput, by: Actor): Promise<Staff> {
    return transaction(async (trx) => {
      const staff = await Staff.query({ client: trx }).where('id', staffId).forUpdate().firstOrFail()
      const before = snapshot(staff)

      if (input.storeId && !(await Store.find(input.storeId, { client: trx }))) {
        throw new UnprocessableException('Unknown store', 'store_id', 'exists')
      }
      if (input.email && input.email !== staff.email) {
        const taken = await Staff.query({ client: trx }).where('email', input.email).whereNot('id', staff.id).first()
        if (taken) throw new ConflictException('This email is already used by another account', 'email_taken', 'email')
      }
      if (input.staffNo && input.staffNo !== staff.staffNo) {
        const taken = await Staff.query({ client: trx }).where('staff_no', input.staffNo).whereNot('id', staff.id).first()
        if (taken) throw new ConflictException('This staff number is already used', 'staff_no_taken', 'staff_no')
      }

      staff.merge(defined(input))
      const storeBound = staff.role === StaffRole.StoreManager || staff.role === StaffRole.Guide
      if (storeBound && !staff.storeId) {
        throw new UnprocessableException('A store manager or guide needs a store', 'store_id', 'required')
      }
      await staff.useTransaction(trx).save()

      if (staff.status === StaffStatus.Resigned) {
        await trx.from('auth_access_tokens').where('tokenable_id', staff.id).delete()
      }
      const after = snapshot(staff)
      if (input.password) after.password = 'changed'
      await audit(by, 'staff.update', { type: 'staff', id: staff.id }, diff(before, after), trx)
      return staff
    })
  }
}

function snapshot(staff: Staff): Record<string, unknown> {
  return {
    name: staff.name,
    email: staff.email,
    role: staff.role,
    store_id: staff.storeId,
    staff_no: staff.staffNo,
    wecom_user_id: staff.wecomUserId,
    status: staff.status,
  }
}
