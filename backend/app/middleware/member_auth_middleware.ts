import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import type Member from '#models/member'
import { StaffStatus } from '#enums/staff'
import { UnauthorizedException } from '#exceptions/api_exceptions'
import { authenticateMemberToken, isMemberToken } from '#services/member_tokens'

declare module '@adonisjs/core/http' {
  interface HttpContext {
    /** The member of a member token (the chat page), when the route takes one. */
    member?: Member
  }
}

/**
 * Authenticates a member token (`Authorization: Bearer rpm_…`). With `{staff: true}` the route
 * takes a staff token as well (catch-up is for both); then `ctx.auth.user` is the staff member.
 */
export default class MemberAuthMiddleware {
  async handle(ctx: HttpContext, next: NextFn, options: { staff?: boolean } = {}) {
    const header = ctx.request.header('authorization') ?? ''
    const token = header.startsWith('Bearer ') ? header.slice(7).trim() : ''
    if (isMemberToken(token)) {
      const member = await authenticateMemberToken(token)
      if (!member) throw new UnauthorizedException('This chat session has ended: open a new chat link', 'member_token_invalid')
      ctx.member = member
      return next()
    }
    if (!options.staff) throw new UnauthorizedException()
    const staff = await ctx.auth.authenticateUsing(['api'])
    if (staff.status !== StaffStatus.Active) {
      throw new UnauthorizedException('This account is no longer active', 'account_inactive')
    }
    return next()
  }
}
