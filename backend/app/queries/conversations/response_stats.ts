import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type Staff from '#models/staff'
import { StaffRole } from '#enums/staff'

/**
 * Response times per guide, for store managers (their store) and HQ (all, or one store): how
 * many chats they answered in the period, the median time to the first answer after a member
 * wrote, and how many chats wait for an answer now. Periods are by when the member wrote;
 * default the last 30 days.
 */
export async function responseStats(staff: Staff, params: { from?: string; to?: string; store_id?: number }) {
  const to = params.to ? DateTime.fromISO(params.to).toUTC() : DateTime.utc()
  const from = params.from ? DateTime.fromISO(params.from).toUTC() : to.minus({ days: 30 })
  const storeId = staff.isHq ? (params.store_id ?? null) : staff.storeId
  const sqlTime = (t: DateTime) => t.toFormat('yyyy-MM-dd HH:mm:ss.SSS')

  const responses = db
    .from('conversation_responses')
    .where('waiting_since', '>=', sqlTime(from))
    .where('waiting_since', '<', sqlTime(to))
    .select('staff_id', 'conversation_id', 'seconds')
    .orderBy('staff_id')
    .orderBy('seconds')
  if (storeId) responses.where('store_id', storeId)

  const waiting = db
    .from('conversations')
    .whereNotNull('first_response_pending_since')
    .where('first_response_pending_since', '<', sqlTime(to))
    .whereNotNull('owner_staff_id')
    .groupBy('owner_staff_id')
    .select('owner_staff_id')
    .count('* as total')
  if (storeId) waiting.where('store_id', storeId)

  const guides = db.from('staff').whereIn('role', [StaffRole.Guide, StaffRole.StoreManager]).select('id', 'name', 'store_id')
  if (storeId) guides.where('store_id', storeId)

  const [rows, pending, people] = await Promise.all([responses, waiting, guides])
  const byStaff = new Map<number, { seconds: number[]; conversations: Set<number> }>()
  for (const row of rows) {
    const entry = byStaff.get(row.staff_id) ?? { seconds: [], conversations: new Set<number>() }
    entry.seconds.push(Number(row.seconds))
    entry.conversations.add(row.conversation_id)
    byStaff.set(row.staff_id, entry)
  }
  const unanswered = new Map(pending.map((row) => [row.owner_staff_id as number, Number(row.total)]))

  const data = people
    .filter((person) => storeId || byStaff.has(person.id) || unanswered.has(person.id))
    .map((person) => {
      const entry = byStaff.get(person.id)
      return {
        staff: { id: person.id as number, name: person.name as string, store_id: person.store_id as number | null },
        conversations: entry?.conversations.size ?? 0,
        answered: entry?.seconds.length ?? 0,
        median_first_response_seconds: entry ? median(entry.seconds) : null,
        unanswered: unanswered.get(person.id) ?? 0,
      }
    })
    .sort((a, b) => a.staff.name.localeCompare(b.staff.name))
  return { from: from.toISO(), to: to.toISO(), store_id: storeId, data }
}

/** The median of ascending numbers (the mean of the middle two for an even count). */
function median(sorted: number[]) {
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : Math.round((sorted[middle - 1] + sorted[middle]) / 2)
}
