import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import { UnprocessableException } from '#exceptions/api_exceptions'
import { visibleMember } from '#queries/members/member_queries'
import { memberTimeline } from '#queries/members/timeline'
import { timelineValidator } from '#validators/event'

/**
 * The member page's portrait side. The portrait itself comes with GET /members/:id
 * (MembersController.show); the timeline pages separately.
 */
export default class PortraitsController {
  /** Same data scope as the member: outside it, 404. */
  async timeline({ auth, params, request }: HttpContext) {
    const member = await visibleMember(auth.getUserOrFail(), params.id)
    const input = await request.validateUsing(timelineValidator, { data: request.qs() })
    const before = input.before ? DateTime.fromISO(input.before, { setZone: true }) : null
    if (before && !before.isValid) throw new UnprocessableException('Not a valid time', 'before', 'date')
    return memberTimeline(member.id, { before: before?.toJSDate(), limit: input.limit ?? 30 })
  }
}
