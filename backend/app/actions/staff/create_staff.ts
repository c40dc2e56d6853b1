import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Staff from '#models/staff'
import Store from '#models/store'
import { StaffRole, StaffStatus } from '#enums/staff'
import { ConflictException, UnprocessableException } from '#exceptions/api_exceptions'
import { audit, diff, type Actor } from '#services/audit'
import { transaction } from '#services/transactions'

export type CreateStaffInput = {
  name: string
  email: string
  password: string
  role: StaffRole
  storeId?: number
  storeCode?: string
  staffNo?: string
  wecomUserId?: string
}

/**
 * Creates a staff account. Store managers and guides belong to a store; HQ roles may not.
 * Used by the admin API and by `node ace staff:create`.
 */
export default class CreateStaff {
  async handle(input: CreateStaffInput, by: Actor): Promise<Staff> {
    return transaction(async (trx) => {
      const store = await resolveStore(input, trx)
      if ((input.role === StaffRole.StoreManager || input.role === StaffRole.Guide) && !store) {
        throw new UnprocessableException('A store manager or guide needs a store', 'store_id', 'required')
      }
      await assertUnique(input, trx)

      const staff = await Staff.create(
        {
          name: input.name,
          email: input.email.toLowerCase(),
          password: input.password,
          role: input.role,
          storeId: store?.id ?? null,
          staffNo: input.staffNo ?? null,
          wecomUserId: input.wecomUserId ?? null,
          status: StaffStatus.Active,
        },
        { client: trx }
      )
      await audit(
        by,
        'staff.create',
        { type: 'staff', id: staff.id },
        diff({}, { name: staff.name, email: staff.email, role: staff.role, store_id: staff.storeId, staff_no: staff.staffNo }),
        trx
      )
      return staff
    })
  }
}

async function resolveStore(input: CreateStaffInput, trx: TransactionClientContract) {
  if (input.storeId) {
    const store = await Store.find(input.storeId, { client: trx })
    if (!store) throw new UnprocessableException('Unknown store', 'store_id', 'exists')
    return store
  }
  if (input.storeCode) {
    const store = await Store.findBy('code', input.storeCode, { client: trx })
    if (!store) throw new UnprocessableException(`Unknown store code ${input.storeCode}`, 'store_code', 'exists')
    return store
  }
  return null
}

async function assertUnique(input: CreateStaffInput, trx: TransactionClientContract) {
  if (await Staff.query({ client: trx }).where('email', input.email.toLowerCase()).first()) {
    throw new ConflictException('This email is already used by another account', 'email_taken', 'email')
  }
  if (input.staffNo && (await Staff.query({ client: trx }).where('staff_no', input.staffNo).first())) {
    throw new ConflictException('This staff number is already used', 'staff_no_taken', 'staff_no')
  }
}
