import vine from '@vinejs/vine'
import { money, isoInstant } from '#validators/order'
import { paginationFields } from '#validators/pagination'

export const createCouponTemplateValidator = vine.compile(
  vine.object({
    code: vine.string().trim().regex(/^[A-Za-z0-9_-]+$/).minLength(2).maxLength(32).optional(),
    name: vine.string().trim().minLength(1).maxLength(100),
    kind: vine.enum(['amount_off', 'percent_off', 'gift'] as const),
    value: money(),
    min_spend: money().optional(),
    valid_days: vine.number({ strict: true }).withoutDecimals().min(0).max(3650).optional(),
    valid_from: isoInstant().optional(),
    valid_to: isoInstant().optional(),
    channels: vine.array(vine.enum(['online', 'offline'] as const)).minLength(1).distinct().optional(),
    store_ids: vine.array(vine.number({ strict: true }).withoutDecimals().positive()).distinct().optional(),
    total_stock: vine.number({ strict: true }).withoutDecimals().min(0).optional(),
    per_member_limit: vine.number({ strict: true }).withoutDecimals().min(1).optional(),
    points_cost: vine.number({ strict: true }).withoutDecimals().min(1).optional(),
  })
)

export const updateCouponTemplateValidator = vine.compile(
  vine.object({
    name: vine.string().trim().minLength(1).maxLength(100).optional(),
    total_stock: vine.number({ strict: true }).withoutDecimals().min(0).nullable().optional(),
    per_member_limit: vine.number({ strict: true }).withoutDecimals().min(1).nullable().optional(),
    points_cost: vine.number({ strict: true }).withoutDecimals().min(1).nullable().optional(),
    status: vine.enum(['active', 'archived'] as const).optional(),
  })
)

export const issueCouponsValidator = vine.compile(
  vine.object({
    member_ids: vine.array(vine.number({ strict: true }).withoutDecimals().positive()).minLength(1).maxLength(1000).distinct(),
  })
)

export const redeemCouponValidator = vine.compile(
  vine.object({
    code: vine.string().trim().minLength(1).maxLength(20),
    store_code: vine.string().trim().maxLength(32).optional(),
    channel: vine.enum(['online', 'offline'] as const).optional(),
    order_no: vine.string().trim().maxLength(64).optional(),
    amount: money().optional(),
  })
)

export const voidCouponValidator = vine.compile(
  vine.object({ reason: vine.string().trim().minLength(1).maxLength(255) })
)

export const listCouponTemplatesValidator = vine.compile(
  vine.object({ ...paginationFields, status: vine.enum(['active', 'archived'] as const).optional() })
)
