import vine from '@vinejs/vine'
import { paginationFields } from '#validators/pagination'

export const listMembersValidator = vine.compile(
  vine.object({
    ...paginationFields,
    q: vine.string().trim().maxLength(64).optional(),
    tier: vine.string().trim().maxLength(32).optional(),
    store_id: vine.number().withoutDecimals().positive().optional(),
    owner_staff_id: vine.number().withoutDecimals().positive().optional(),
  })
)

export const setOwnerValidator = vine.compile(vine.object({ staff_id: vine.number({ strict: true }).withoutDecimals().positive() }))

export const adjustPointsValidator = vine.compile(
  vine.object({
    points: vine.number({ strict: true }).withoutDecimals().min(-1_000_000).max(1_000_000),
    reason: vine.string().trim().minLength(2).maxLength(255),
  })
)

export const exchangePointsValidator = vine.compile(vine.object({ template_id: vine.number({ strict: true }).withoutDecimals().positive() }))

export const mergeMembersValidator = vine.compile(
  vine.object({
    survivor_id: vine.number({ strict: true }).withoutDecimals().positive(),
    merged_id: vine.number({ strict: true }).withoutDecimals().positive(),
  })
)

export const memberLookupValidator = vine.compile(
  vine.object({
    phone: vine.string().trim().maxLength(20).optional(),
    member_no: vine.string().trim().maxLength(20).optional().requiredIfMissing('phone'),
  })
)

export const updateTiersValidator = vine.compile(
  vine.object({
    tiers: vine
      .array(
        vine.object({
          code: vine.string().trim().regex(/^[a-z0-9_]+$/).maxLength(32),
          name: vine.string().trim().minLength(1).maxLength(100),
          threshold: vine.string().regex(/^\d{1,10}(\.\d{1,2})?$/),
          multiplier: vine.string().regex(/^\d{1,2}(\.\d{1,2})?$/),
          benefits: vine.string().trim().maxLength(1000).optional(),
        })
      )
      .minLength(1)
      .maxLength(10),
  })
)

export const loyaltySettingsValidator = vine.compile(
  vine.object({
    points_expiry: vine.enum(['end_of_next_year', 'never'] as const),
    referral_points: vine.number({ strict: true }).withoutDecimals().min(0).max(100000),
    birthday_template_code: vine.string().trim().maxLength(32).nullable(),
  })
)

export const updateMemberValidator = vine.compile(
  vine.object({
    name: vine.string().trim().minLength(1).maxLength(100).nullable().optional(),
    gender: vine.enum(['male', 'female', 'unknown'] as const).optional(),
    birthday: vine.date({ formats: ['YYYY-MM-DD'] }).beforeOrEqual('today').nullable().optional(),
    marketing_consent: vine.boolean({ strict: true }).optional(),
    notice_version: vine.string().trim().minLength(1).maxLength(20).optional(),
  })
)
