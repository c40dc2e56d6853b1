import { BasePolicy } from '@adonisjs/bouncer'
import type Staff from '#models/staff'
import { StaffRole } from '#enums/staff'

/**
 * Handovers of WeCom customers: admin and hq_operator hand over anyone's; a store manager only
 * between staff of their own store (and sees only those handovers).
 */
export default class WecomHandoverPolicy extends BasePolicy {
  use(actor: Staff) {
    return actor.isHq || (actor.role === StaffRole.StoreManager && actor.storeId !== null)
  }

  handOver(actor: Staff, from: Staff, to: Staff) {
    if (actor.isHq) return true
    return actor.role === StaffRole.StoreManager && actor.storeId !== null && from.storeId === actor.storeId && to.storeId === actor.storeId
  }
}
