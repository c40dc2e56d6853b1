import vine from '@vinejs/vine'
import { paginationFields } from '#validators/pagination'
import { GroupStatus } from '#enums/wecom'

export const listGroupsValidator = vine.compile(
  vine.object({
    ...paginationFields,
    q: vine.string().trim().maxLength(100).optional(),
    status: vine.enum(GroupStatus).optional(),
  })
)
