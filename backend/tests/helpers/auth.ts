import Staff from '#models/staff'
import Store from '#models/store'
import { StaffFactory, StoreFactory } from '#database/factories/organisation'

type Role = 'admin' | 'hq' | 'manager' | 'guide'

/**
 * A staff member of the role, with a store for store-bound roles, and a bearer token.
 */
export async function staffWithToken(role: Role, options: { store?: Store } = {}) {
  let builder = StaffFactory.merge({})
  if (role !== 'admin') builder = builder.apply(role)
  if (role === 'manager' || role === 'guide') {
    const store = options.store ?? (await StoreFactory.create())
    builder = builder.merge({ storeId: store.id })
  }
  const staff = await builder.create()
  const token = await Staff.accessTokens.create(staff)
  return { staff, token: token.value!.release() }
}
