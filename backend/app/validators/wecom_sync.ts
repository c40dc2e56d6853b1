import vine from '@vinejs/vine'
import { paginationFields } from '#validators/pagination'
import { SyncKind } from '#enums/wecom'

export const startSyncValidator = vine.compile(vine.object({ kind: vine.enum(SyncKind) }))

export const listSyncsValidator = vine.compile(vine.object({ ...paginationFields }))
