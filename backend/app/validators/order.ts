import vine from '@vinejs/vine'
import { SALES_CHANNELS } from '#enums/loyalty'

/** Decimal string, at most two places: "56.00", "56.5", "56". A JSON number is refused. */
export const money = () => vine.string().regex(/^\d{1,10}(\.\d{1,2})?$/)

/** ISO-8601 with "Z" or an offset: a time without a zone is ambiguous. */
export const isoInstant = () =>
  vine.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})$/)

export const memberRefSchema = vine.object({
  phone: vine.string().trim().maxLength(20).optional(),
  member_no: vine.string().trim().maxLength(20).optional(),
  unionid: vine.string().trim().maxLength(64).optional(),
  /** A new member enrolled by this order was referred by the member with this code. */
  referral_code: vine.string().trim().maxLength(16).optional(),
})

/**
 * POST /integrations/orders (CONTRACTS section 3). Cross-field rules (total − discount = paid,
 * what may be returned) are the action's.
 */
export const orderValidator = vine.compile(
  vine.object({
    order_no: vine.string().trim().regex(/^[A-Za-z0-9_\-.:/]+$/).minLength(1).maxLength(64),
    type: vine.enum(['sale', 'return'] as const),
    channel: vine.enum(SALES_CHANNELS),
    store_code: vine.string().trim().minLength(1).maxLength(32),
    guide_no: vine.string().trim().maxLength(32).optional(),
    member: memberRefSchema.optional(),
    original_order_no: vine.string().trim().maxLength(64).optional().requiredWhen('type', '=', 'return'),
    items: vine
      .array(
        vine.object({
          sku: vine.string().trim().minLength(1).maxLength(64),
          name: vine.string().trim().minLength(1).maxLength(200),
          category: vine.string().trim().minLength(1).maxLength(64),
          qty: vine.number({ strict: true }).withoutDecimals().min(1).max(100000),
          unit_price: money(),
        })
      )
      .minLength(1)
      .maxLength(500),
    total: money(),
    discount: money(),
    paid: money(),
    paid_at: isoInstant(),
    coupon_codes: vine.array(vine.string().trim().minLength(1).maxLength(20)).maxLength(10).distinct().optional(),
  })
)
