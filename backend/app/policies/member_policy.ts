import { BasePolicy } from '@adonisjs/bouncer'
import type Staff from '#models/staff'
import { HQ_ROLES, StaffRole } from '#enums/staff'

/**
 * Member functions by role. Which members are visible is the DataScope's job.
 */
export default class MemberPolicy extends BasePolicy {
  setOwner(actor: Staff) {
    return [...HQ_ROLES, StaffRole.StoreManager].includes(actor.role)
  }

  adjustPoints(actor: Staff) {
    return actor.role === StaffRole.Admin
  }

  merge(actor: Staff) {
    return actor.role === StaffRole.Admin
  }
}
