import { BasePolicy } from '@adonisjs/bouncer'
import type Staff from '#models/staff'
import { StaffRole } from '#enums/staff'

export default class StorePolicy extends BasePolicy {
  /** Everyone may list stores; the DataScope narrows store staff to their own. */
  viewList(_actor: Staff) {
    return true
  }

  manage(actor: Staff) {
    return actor.role === StaffRole.Admin
  }
}
