import type { QuickReply } from '@/api/quickReplies'
import { QuickReplyScope } from '@/enums/chat'
import { StaffRole } from '@/enums/staff'

/** The variables a quick reply may hold; the server fills them when the reply is used. */
export const QUICK_REPLY_VARIABLES = ['{{member.name}}', '{{member.tier}}', '{{guide.name}}', '{{store.name}}'] as const

export interface VariableValues {
  memberName?: string | null
  memberTier?: string | null
  guideName?: string | null
  storeName?: string | null
}

/**
 * The text with its variables filled, for a preview or when the server cannot be asked. A value
 * that is not known stays as the variable, so nobody sends "Hello ," by mistake.
 */
export function fillVariables(content: string, values: VariableValues): string {
  const known: Record<string, string | null | undefined> = {
    'member.name': values.memberName,
    'member.tier': values.memberTier,
    'guide.name': values.guideName,
    'store.name': values.storeName,
  }
  return content.replace(/\{\{\s*([a-z]+\.[a-z]+)\s*\}\}/g, (match, name: string) => known[name] || match)
}

/** The scopes a role may create replies in (mirrors the backend's QuickReplyPolicy). */
export function creatableScopes(role: StaffRole | null): QuickReplyScope[] {
  if (role === StaffRole.Admin || role === StaffRole.HqOperator) return [QuickReplyScope.Corp, QuickReplyScope.Personal]
  if (role === StaffRole.StoreManager) return [QuickReplyScope.Store, QuickReplyScope.Personal]
  if (role === StaffRole.Guide) return [QuickReplyScope.Personal]
  return []
}

/** Corp replies: admin and HQ; a store's: HQ and that store's manager; a personal one: its owner (QuickReplyPolicy). */
export function canManageQuickReply(reply: Pick<QuickReply, 'scope' | 'store_id' | 'staff_id'>, staff: { id: number; role: StaffRole; store_id: number | null } | null): boolean {
  if (!staff) return false
  switch (reply.scope) {
    case QuickReplyScope.Corp:
      return staff.role === StaffRole.Admin || staff.role === StaffRole.HqOperator
    case QuickReplyScope.Store:
      if (staff.role === StaffRole.Admin || staff.role === StaffRole.HqOperator) return true
      return staff.role === StaffRole.StoreManager && staff.store_id !== null && staff.store_id === reply.store_id
    case QuickReplyScope.Personal:
      return reply.staff_id === staff.id
  }
}

/** Replies by category, categories in the order they first appear (the list is most used first). */
export function groupByCategory(replies: readonly QuickReply[], uncategorised: string): { category: string; replies: QuickReply[] }[] {
  const groups = new Map<string, QuickReply[]>()
  for (const reply of replies) {
    const category = reply.category?.trim() || uncategorised
    if (!groups.has(category)) groups.set(category, [])
    groups.get(category)!.push(reply)
  }
  return [...groups].map(([category, items]) => ({ category, replies: items }))
}

/** The replies matching what follows the `/` typed in the composer (title, content or category). */
export function filterQuickReplies(replies: readonly QuickReply[], query: string): QuickReply[] {
  const needle = query.trim().toLowerCase()
  if (!needle) return [...replies]
  return replies.filter((reply) => [reply.title, reply.content, reply.category].some((text) => text?.toLowerCase().includes(needle)))
}
