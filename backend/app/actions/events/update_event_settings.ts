import { eventSettings, saveEventSettings, type EventSettings } from '#services/event_settings'
import { audit, diff, type Actor } from '#services/audit'
import { transaction } from '#services/transactions'

/**
 * Changes how long behaviour events are kept (HQ). A shorter retention takes effect at the
 * next daily prune.
 */
export default class UpdateEventSettings {
  async handle(settings: EventSettings, by: Actor) {
    return transaction(async (trx) => {
      const before = await eventSettings(trx)
      await saveEventSettings(settings, trx)
      await audit(by, 'event_settings.update', { type: 'settings', id: 'events' }, diff(before, settings), trx)
      return eventSettings(trx)
    })
  }
}
