import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { StaffStatus } from '#enums/staff'
import { UnauthorizedException } from '#exceptions/api_exceptions'

/**
 * Authenticates staff by bearer token. A resigned staff member's tokens stop working at once.
 */
export default class AuthMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const staff = await ctx.auth.authenticateUsing(['api'])
    if (staff.status !== StaffStatus.Active) {
      throw new UnauthorizedException('This account is no longer active', 'account_inactive')
    }
    return next()
  }
}
