import QuickReply from '#models/quick_reply'
import type Staff from '#models/staff'
import { QuickReplyScope } from '#enums/conversation'
import { NotFoundException } from '#exceptions/api_exceptions'
import { containing } from '#queries/like'

/**
 * The quick replies a staff member sees: the corp's, their store's and their own (HQ also every
 * store's, which they manage).
 */
export function visibleQuickReplies(staff: Staff) {
  return QuickReply.query().where((visible) => {
    visible.where('scope', QuickReplyScope.Corp)
    if (staff.isHq) visible.orWhere('scope', QuickReplyScope.Store)
    else if (staff.storeId) visible.orWhere((store) => store.where('scope', QuickReplyScope.Store).where('store_id', staff.storeId!))
    visible.orWhere((mine) => mine.where('scope', QuickReplyScope.Personal).where('staff_id', staff.id))
  })
}

/** Most used first, then oldest first; `q` searches titles and contents. */
export function quickReplyList(staff: Staff, filters: { q?: string; category?: string; scope?: QuickReplyScope }) {
  const query = visibleQuickReplies(staff).orderBy('use_count', 'desc').orderBy('id', 'asc')
  if (filters.scope) query.where('scope', filters.scope)
  if (filters.category) query.where('category', filters.category)
  const q = filters.q?.trim()
  if (q) query.where((match) => match.where('title', 'like', containing(q)).orWhere('content', 'like', containing(q)))
  return query
}

export async function visibleQuickReply(staff: Staff, id: number) {
  const reply = await visibleQuickReplies(staff).where('id', id).first()
  if (!reply) throw new NotFoundException('Quick reply not found')
  return reply
}

export async function quickReplyCategories(staff: Staff) {
  const rows = await visibleQuickReplies(staff).whereNotNull('category').distinct('category').orderBy('category')
  return rows.map((row) => row.category!)
}
