import { BasePolicy } from '@adonisjs/bouncer'
import type Staff from '#models/staff'
import { HQ_ROLES, StaffRole } from '#enums/staff'

/**
 * Conversation functions by role. Which conversations are visible is the DataScope's job: a
 * store manager takes over and transfers their store's, HQ any.
 */
export default class ConversationPolicy extends BasePolicy {
  takeOver(actor: Staff) {
    return [...HQ_ROLES, StaffRole.StoreManager].includes(actor.role)
  }

  transfer(actor: Staff) {
    return [...HQ_ROLES, StaffRole.StoreManager].includes(actor.role)
  }

  /** Response times per guide: store managers (their store) and HQ. */
  stats(actor: Staff) {
    return [...HQ_ROLES, StaffRole.StoreManager].includes(actor.role)
  }

  /** Community groups are created by HQ. */
  manageGroups(actor: Staff) {
    return HQ_ROLES.includes(actor.role)
  }
}
