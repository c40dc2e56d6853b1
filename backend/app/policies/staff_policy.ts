import { BasePolicy } from '@adonisjs/bouncer'
import type Staff from '#models/staff'
import { HQ_ROLES, StaffRole } from '#enums/staff'

/**
 * Who may use the staff functions. Which records they see is the DataScope's job.
 */
export default class StaffPolicy extends BasePolicy {
  viewList(actor: Staff) {
    return [...HQ_ROLES, StaffRole.StoreManager].includes(actor.role)
  }

  create(actor: Staff) {
    return actor.role === StaffRole.Admin
  }

  update(actor: Staff) {
    return actor.role === StaffRole.Admin
  }
}
