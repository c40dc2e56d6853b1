import vine from '@vinejs/vine'
import { SEGMENT_KINDS } from '#enums/tag'

const name = () => vine.string().trim().minLength(1).maxLength(100)

/** Definitions are checked by parseDefinition, which names each bad path. */
export const createSegmentValidator = vine.compile(
  vine.object({ name: name(), definition: vine.any(), kind: vine.enum(SEGMENT_KINDS) })
)

export const updateSegmentValidator = vine.compile(vine.object({ name: name().optional(), definition: vine.any().optional() }))
