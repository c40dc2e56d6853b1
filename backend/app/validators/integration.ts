import vine from '@vinejs/vine'
import { INTEGRATION_SCOPES } from '#enums/integration'
import { paginationFields } from '#validators/pagination'

export const createIntegrationAppValidator = vine.compile(
  vine.object({
    name: vine.string().trim().minLength(1).maxLength(100),
    scopes: vine.array(vine.enum(INTEGRATION_SCOPES)).minLength(1).distinct(),
  })
)

export const listValidator = vine.compile(vine.object({ ...paginationFields }))

export const listAuditLogsValidator = vine.compile(
  vine.object({
    ...paginationFields,
    actor_type: vine.enum(['staff', 'integration', 'system'] as const).optional(),
    subject_type: vine.string().trim().maxLength(64).optional(),
    action: vine.string().trim().maxLength(64).optional(),
  })
)
