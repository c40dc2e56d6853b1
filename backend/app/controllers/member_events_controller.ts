import type { HttpContext } from '@adonisjs/core/http'
import IngestEvents from '#actions/events/ingest_events'
import UpdateEventSettings from '#actions/events/update_event_settings'
import LoyaltyRulesPolicy from '#policies/loyalty_rules_policy'
import { eventSettings } from '#services/event_settings'
import { actor } from '#services/audit'
import { eventBatchValidator, eventSettingsValidator } from '#validators/event'

/**
 * Behaviour events: the signed webhook the mall and mini-program push to, and their retention.
 */
export default class MemberEventsController {
  /** 202 even when every event was rejected: the answer says which and why. */
  async ingest(ctx: HttpContext) {
    const { request, response } = ctx
    const items = await request.validateUsing(eventBatchValidator, { data: request.body() })
    const answer = await new IngestEvents().handle(items, actor.integration(ctx.integrationApp!, ctx))
    return response.status(202).send(answer)
  }

  async settings() {
    return eventSettings()
  }

  /** Retention is an enterprise rule: HQ roles set it, like the loyalty rules. */
  async updateSettings(ctx: HttpContext) {
    const { auth, bouncer, request } = ctx
    await bouncer.with(LoyaltyRulesPolicy).authorize('manage')
    const input = await request.validateUsing(eventSettingsValidator)
    return new UpdateEventSettings().handle(input, actor.staff(auth.getUserOrFail(), ctx))
  }
}
