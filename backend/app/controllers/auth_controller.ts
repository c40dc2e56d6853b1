import type { HttpContext } from '@adonisjs/core/http'
import { inject } from '@adonisjs/core'
import Staff from '#models/staff'
import LogIn from '#actions/auth/log_in'
import { loginValidator } from '#validators/auth'
import { presentStaff } from '#controllers/presenters'

export default class AuthController {
  @inject()
  async login({ request, response }: HttpContext, logIn: LogIn) {
    const input = await request.validateUsing(loginValidator)
    const { token, staff } = await logIn.handle({ ...input, ip: request.ip() })
    return response.ok({
      token,
      staff: { id: staff.id, name: staff.name, role: staff.role, store_id: staff.storeId },
    })
  }

  async logout({ auth, response }: HttpContext) {
    const staff = auth.getUserOrFail()
    const token = staff.currentAccessToken
    await Staff.accessTokens.delete(staff, token.identifier)
    return response.noContent()
  }

  async me({ auth }: HttpContext) {
    const staff = auth.getUserOrFail()
    await staff.load('store')
    return { staff: presentStaff(staff) }
  }
}
