import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'

/**
 * Behaviour-event settings HQ may change, stored as the `events` row of `settings`; missing
 * keys fall back to the defaults.
 */
export type EventSettings = {
  /** Events that occurred longer ago than this are deleted by the daily PruneEventsJob. */
  retention_days: number
}

export const DEFAULT_EVENT_SETTINGS: EventSettings = { retention_days: 365 }

export async function eventSettings(client: QueryClientContract = db.connection()): Promise<EventSettings> {
  const row = await client.from('settings').where('key', 'events').first()
  const stored = row ? (typeof row.value === 'string' ? JSON.parse(row.value) : row.value) : {}
  return { ...DEFAULT_EVENT_SETTINGS, ...stored }
}

export async function saveEventSettings(settings: EventSettings, client: QueryClientContract = db.connection()) {
  await client
    .knexQuery()
    .table('settings')
    .insert({ key: 'events', value: JSON.stringify(settings), updated_at: new Date() })
    .onConflict('key')
    .merge(['value', 'updated_at'])
}
