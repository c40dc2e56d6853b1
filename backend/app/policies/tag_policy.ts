import { BasePolicy } from '@adonisjs/bouncer'
import type Staff from '#models/staff'
import { HQ_ROLES } from '#enums/staff'

/**
 * Tags, auto-tag rules and saved segments are managed by admin and hq_operator (CONTRACTS
 * section 2), and only they tag a whole segment at once. Tagging members one by one or in a
 * list, and reading tags and segments, is for every staff member, on the members their
 * DataScope shows them.
 */
export default class TagPolicy extends BasePolicy {
  manage(actor: Staff) {
    return HQ_ROLES.includes(actor.role)
  }
}
