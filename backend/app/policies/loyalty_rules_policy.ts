import { BasePolicy } from '@adonisjs/bouncer'
import type Staff from '#models/staff'
import { HQ_ROLES } from '#enums/staff'

/**
 * Tiers, points rules and coupon templates are managed by admin and hq_operator.
 */
export default class LoyaltyRulesPolicy extends BasePolicy {
  manage(actor: Staff) {
    return HQ_ROLES.includes(actor.role)
  }
}
