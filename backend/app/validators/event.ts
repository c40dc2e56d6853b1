import vine from '@vinejs/vine'
import type { Infer } from '@vinejs/vine/types'
import { EVENT_TYPES } from '#enums/event'
import { isoInstant } from '#validators/order'

/** Events per POST /integrations/events; more is a 413 (CONTRACTS section 3). */
export const MAX_EVENTS_PER_BATCH = 1000

/** `props` of one event, serialised as JSON, in bytes. */
export const MAX_PROPS_BYTES = 4096

/**
 * The batch itself is only required to be an array: each event is validated on its own
 * (behaviourEventValidator) so that one bad event does not refuse the good ones.
 */
export const eventBatchValidator = vine.compile(vine.array(vine.any()))

/**
 * One behaviour event. Which member it names, and whether the time is a real instant, is the
 * action's check (IngestEvents).
 */
export const behaviourEventValidator = vine.compile(
  vine.object({
    event_id: vine.string().minLength(1).maxLength(64),
    type: vine.enum(EVENT_TYPES),
    member: vine.object({
      phone: vine.string().trim().maxLength(20).optional(),
      member_no: vine.string().trim().maxLength(20).optional(),
      unionid: vine.string().trim().maxLength(64).optional(),
    }),
    occurred_at: isoInstant(),
    props: vine.record(vine.any()).optional(),
  })
)

export type BehaviourEvent = Infer<typeof behaviourEventValidator>

export const eventSettingsValidator = vine.compile(
  vine.object({
    retention_days: vine.number({ strict: true }).withoutDecimals().range([1, 3650]),
  })
)

/**
 * GET /members/:id/timeline: `before` is exclusive (the previous page's `next_before`).
 */
export const timelineValidator = vine.compile(
  vine.object({
    before: isoInstant().optional(),
    limit: vine.number().withoutDecimals().range([1, 100]).optional(),
  })
)
