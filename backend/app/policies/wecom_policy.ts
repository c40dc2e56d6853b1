import { BasePolicy } from '@adonisjs/bouncer'
import type Staff from '#models/staff'
import { HQ_ROLES } from '#enums/staff'

/**
 * WeCom: every staff member reads the contacts and groups their DataScope shows them; channel
 * codes, syncs and contact ↔ member binding are for admin and hq_operator.
 */
export default class WecomPolicy extends BasePolicy {
  manage(actor: Staff) {
    return HQ_ROLES.includes(actor.role)
  }
}
