import factory from '@adonisjs/lucid/factories'
import Region from '#models/region'
import Store from '#models/store'
import Staff from '#models/staff'
import { StaffRole, StaffStatus } from '#enums/staff'
import { StoreStatus } from '#enums/store'

let sequence = 0
const next = () => ++sequence

export const RegionFactory = factory
  .define(Region, () => {
    const n = next()
    return { code: `R${n}`, name: `Region ${n}` }
  })
  .build()

export const StoreFactory = factory
  .define(Store, () => {
    const n = next()
    return { code: `S${String(n).padStart(3, '0')}`, name: `Store ${n}`, city: 'Shanghai', status: StoreStatus.Open }
  })
  .build()

/**
 * Staff with a known password ("Password#1"); states per role. Store-bound roles get a store.
 */
export const StaffFactory = factory
  .define(Staff, () => {
    const n = next()
    return {
      name: `Staff ${n}`,
      email: `staff${n}@rapport.test`,
      password: 'Password#1',
      role: StaffRole.Admin,
      staffNo: `G${1000 + n}`,
      status: StaffStatus.Active,
    }
  })
  .state('hq', (staff) => (staff.role = StaffRole.HqOperator))
  .state('manager', (staff) => (staff.role = StaffRole.StoreManager))
  .state('guide', (staff) => (staff.role = StaffRole.Guide))
  .state('resigned', (staff) => (staff.status = StaffStatus.Resigned))
  .relation('store', () => StoreFactory)
  .build()
