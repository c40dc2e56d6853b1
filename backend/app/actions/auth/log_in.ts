import limiter from '@adonisjs/limiter/services/main'
import Staff from '#models/staff'
import { StaffStatus } from '#enums/staff'
import { UnauthorizedException } from '#exceptions/api_exceptions'

/**
 * Five failed attempts per email and address within a minute lock that pair out for the rest
 * of the minute; an address guessing across many emails is capped at 30 attempts a minute.
 */
const perAccount = limiter.use({ requests: 5, duration: '1 min', blockDuration: '1 min' })
const perAddress = limiter.use({ requests: 30, duration: '1 min' })

export default class LogIn {
  async handle(input: { email: string; password: string; ip: string }) {
    await perAddress.consume(`login_ip_${input.ip}`)
    const key = `login_${input.email}_${input.ip}`
    const [error, staff] = await perAccount.penalize(key, () =>
      Staff.verifyCredentials(input.email, input.password)
    )
    if (error) throw error
    if (staff.status !== StaffStatus.Active) {
      throw new UnauthorizedException('This account is no longer active', 'account_inactive')
    }
    const token = await Staff.accessTokens.create(staff, ['*'], { name: 'console' })
    return { token: token.value!.release(), staff }
  }
}
