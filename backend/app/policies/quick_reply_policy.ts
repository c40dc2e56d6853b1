import { BasePolicy } from '@adonisjs/bouncer'
import type Staff from '#models/staff'
import { QuickReplyScope } from '#enums/conversation'
import { StaffRole } from '#enums/staff'

/**
 * Quick replies by scope: the corp's are written by admin and HQ, a store's by HQ and that
 * store's manager, a personal one by its owner alone. Everyone uses the corp's, their store's
 * and their own.
 */
export default class QuickReplyPolicy extends BasePolicy {
  manage(actor: Staff, scope: QuickReplyScope, storeId: number | null, staffId: number | null) {
    if (scope === QuickReplyScope.Corp) return actor.isHq
    if (scope === QuickReplyScope.Store) {
      return actor.isHq || (actor.role === StaffRole.StoreManager && storeId !== null && actor.storeId === storeId)
    }
    return staffId === actor.id
  }
}
