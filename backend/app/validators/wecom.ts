import vine from '@vinejs/vine'
import { paginationFields } from '#validators/pagination'

const id = () => vine.number({ strict: true }).withoutDecimals().positive()

export const listContactsValidator = vine.compile(
  vine.object({
    ...paginationFields,
    q: vine.string().trim().maxLength(100).optional(),
    staff_id: vine.number().withoutDecimals().positive().optional(),
    channel_code_id: vine.number().withoutDecimals().positive().optional(),
    bound: vine.enum(['yes', 'no']).optional(),
    status: vine.enum(['active', 'lost']).optional(),
  })
)

export const listPageValidator = vine.compile(vine.object({ ...paginationFields }))

export const bindContactValidator = vine.compile(vine.object({ member_id: id() }))

/** WeCom takes at most 4,000 bytes of welcome text. */
const welcomeText = () =>
  vine
    .string()
    .trim()
    .maxLength(4000)
    .use(
      vine.createRule((value, _options, field) => {
        if (typeof value === 'string' && Buffer.byteLength(value) > 4000) {
          field.report('The welcome text must be at most 4000 bytes', 'maxBytes', field)
        }
      })()
    )

export const createChannelCodeValidator = vine.compile(
  vine.object({
    name: vine.string().trim().minLength(1).maxLength(100),
    staff_ids: vine.array(id()).minLength(1).maxLength(100).distinct(),
    welcome_text: welcomeText().nullable().optional(),
    skip_verify: vine.boolean({ strict: true }).optional(),
  })
)

export const updateChannelCodeValidator = vine.compile(
  vine.object({
    name: vine.string().trim().minLength(1).maxLength(100).optional(),
    staff_ids: vine.array(id()).minLength(1).maxLength(100).distinct().optional(),
    welcome_text: welcomeText().nullable().optional(),
    skip_verify: vine.boolean({ strict: true }).optional(),
  })
)

export const channelCodeStatsValidator = vine.compile(
  vine.object({ days: vine.number().withoutDecimals().min(1).max(365).optional() })
)
