import vine from '@vinejs/vine'
import { STAFF_ROLES, STAFF_STATUSES } from '#enums/staff'
import { paginationFields } from '#validators/pagination'

const password = () => vine.string().minLength(8).maxLength(200)

export const createStaffValidator = vine.compile(
  vine.object({
    name: vine.string().trim().minLength(1).maxLength(100),
    email: vine.string().trim().toLowerCase().email().maxLength(254),
    password: password(),
    role: vine.enum(STAFF_ROLES),
    store_id: vine.number().withoutDecimals().positive().optional(),
    store_code: vine.string().trim().maxLength(32).optional(),
    staff_no: vine.string().trim().minLength(1).maxLength(32).optional(),
    wecom_user_id: vine.string().trim().minLength(1).maxLength(64).optional(),
  })
)

export const updateStaffValidator = vine.compile(
  vine.object({
    name: vine.string().trim().minLength(1).maxLength(100).optional(),
    email: vine.string().trim().toLowerCase().email().maxLength(254).optional(),
    password: password().optional(),
    role: vine.enum(STAFF_ROLES).optional(),
    store_id: vine.number().withoutDecimals().positive().nullable().optional(),
    staff_no: vine.string().trim().minLength(1).maxLength(32).nullable().optional(),
    wecom_user_id: vine.string().trim().minLength(1).maxLength(64).nullable().optional(),
    status: vine.enum(STAFF_STATUSES).optional(),
  })
)

export const listStaffValidator = vine.compile(
  vine.object({
    ...paginationFields,
    q: vine.string().trim().maxLength(100).optional(),
    role: vine.enum(STAFF_ROLES).optional(),
    status: vine.enum(STAFF_STATUSES).optional(),
    store_id: vine.number().withoutDecimals().positive().optional(),
  })
)
