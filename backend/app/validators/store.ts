import vine from '@vinejs/vine'
import { STORE_STATUSES } from '#enums/store'
import { paginationFields } from '#validators/pagination'

const code = () => vine.string().trim().regex(/^[A-Za-z0-9_-]+$/).minLength(1).maxLength(32)

export const createStoreValidator = vine.compile(
  vine.object({
    code: code(),
    name: vine.string().trim().minLength(1).maxLength(100),
    city: vine.string().trim().maxLength(64).optional(),
    region_id: vine.number().withoutDecimals().positive().optional(),
  })
)

export const updateStoreValidator = vine.compile(
  vine.object({
    name: vine.string().trim().minLength(1).maxLength(100).optional(),
    city: vine.string().trim().maxLength(64).nullable().optional(),
    region_id: vine.number().withoutDecimals().positive().nullable().optional(),
    status: vine.enum(STORE_STATUSES).optional(),
  })
)

export const listStoresValidator = vine.compile(
  vine.object({
    ...paginationFields,
    q: vine.string().trim().maxLength(100).optional(),
    region_id: vine.number().withoutDecimals().positive().optional(),
  })
)

export const createRegionValidator = vine.compile(
  vine.object({
    code: code(),
    name: vine.string().trim().minLength(1).maxLength(100),
  })
)

/**
 * PUT /integrations/stores: a whole batch is valid or nothing is written.
 */
export const upsertStoresValidator = vine.compile(
  vine
    .array(
      vine.object({
        code: code(),
        name: vine.string().trim().minLength(1).maxLength(100),
        region: code().optional(),
        city: vine.string().trim().maxLength(64).optional(),
      })
    )
    .minLength(1)
    .maxLength(1000)
)

const money = () => vine.string().trim().regex(/^\d{1,10}(\.\d{1,2})?$/)

export const upsertProductsValidator = vine.compile(
  vine
    .array(
      vine.object({
        sku: vine.string().trim().minLength(1).maxLength(64),
        name: vine.string().trim().minLength(1).maxLength(200),
        category: vine.string().trim().minLength(1).maxLength(64),
        price: money(),
        cost: money().optional(),
      })
    )
    .minLength(1)
    .maxLength(1000)
)
