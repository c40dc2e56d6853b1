import type { HttpContext } from '@adonisjs/core/http'
import vine from '@vinejs/vine'
import { parseDefinition } from '#queries/segments/definition'
import { previewSegment } from '#queries/segments/preview'
import { isoInstant } from '#validators/order'

const previewValidator = vine.compile(
  vine.object({
    definition: vine.any(),
    as_of: isoInstant().optional(),
    limit: vine.number({ strict: true }).withoutDecimals().min(0).max(1000).optional(),
  })
)

export default class SegmentsController {
  /**
   * POST /segments/preview: live count and a sample, as the builder edits (CONTRACTS section 5).
   */
  async preview({ auth, request }: HttpContext) {
    const input = await request.validateUsing(previewValidator)
    const definition = parseDefinition(input.definition)
    return previewSegment(auth.getUserOrFail(), definition, {
      asOf: input.as_of ? new Date(input.as_of) : undefined,
      limit: input.limit ?? 20,
    })
  }
}
