import vine from '@vinejs/vine'
import { HandoverKind } from '#enums/wecom'
import { paginationFields } from '#validators/pagination'

const id = () => vine.number({ strict: true }).withoutDecimals().positive()

export const createHandoverValidator = vine.compile(
  vine.object({
    kind: vine.enum(Object.values(HandoverKind)),
    handover_staff_id: id(),
    takeover_staff_id: id(),
    /** Only these customers; all the handover's customers when absent. */
    external_userids: vine.array(vine.string().trim().minLength(1).maxLength(64)).minLength(1).maxLength(10_000).distinct().optional(),
    include_groups: vine.boolean({ strict: true }).optional(),
  })
)

export const listHandoversValidator = vine.compile(
  vine.object({
    ...paginationFields,
    status: vine.enum(['running', 'done']).optional(),
  })
)
