import vine from '@vinejs/vine'
import { isoInstant } from '#validators/order'
import { paginationFields } from '#validators/pagination'
import { AUTO_TAG_RULE_STATUSES } from '#enums/tag'

/** Codes appear in segment definitions (`{"tag": code}`) and URLs: letters, digits, _ and -. */
const code = () => vine.string().trim().regex(/^[A-Za-z0-9_-]+$/).minLength(1).maxLength(32)
const name = () => vine.string().trim().minLength(1).maxLength(100)
const memberIds = () => vine.array(vine.number({ strict: true }).withoutDecimals().positive()).minLength(1).maxLength(1000).distinct()

export const createTagGroupValidator = vine.compile(vine.object({ code: code(), name: name() }))

export const createTagValidator = vine.compile(vine.object({ group: code(), code: code(), name: name() }))

/** The code is fixed for life: definitions refer to it. */
export const updateTagValidator = vine.compile(vine.object({ group: code().optional(), name: name().optional() }))

export const listTagsValidator = vine.compile(
  vine.object({ ...paginationFields, group: code().optional(), q: vine.string().trim().maxLength(100).optional() })
)

export const deleteTagValidator = vine.compile(vine.object({ force: vine.boolean().optional() }))

export const tagMemberValidator = vine.compile(vine.object({ tag_codes: vine.array(code()).minLength(1).maxLength(50).distinct() }))

export const tagMembersValidator = vine.compile(vine.object({ member_ids: memberIds() }))

/** The definition is checked by parseDefinition, which names each bad path. */
export const tagSegmentValidator = vine.compile(vine.object({ definition: vine.any(), as_of: isoInstant().optional() }))

export const createAutoTagRuleValidator = vine.compile(
  vine.object({
    name: name(),
    tag_code: code(),
    definition: vine.any(),
    remove_when_unmatched: vine.boolean({ strict: true }).optional(),
    status: vine.enum(AUTO_TAG_RULE_STATUSES).optional(),
  })
)

export const updateAutoTagRuleValidator = vine.compile(
  vine.object({
    name: name().optional(),
    tag_code: code().optional(),
    definition: vine.any().optional(),
    remove_when_unmatched: vine.boolean({ strict: true }).optional(),
    status: vine.enum(AUTO_TAG_RULE_STATUSES).optional(),
  })
)
