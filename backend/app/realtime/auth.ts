import { Secret } from '@adonisjs/core/helpers'
import Staff from '#models/staff'
import { StaffStatus } from '#enums/staff'

/**
 * Resolves a console socket's token to an active staff member, or null.
 */
export async function authenticateStaffToken(token: string): Promise<Staff | null> {
  const accessToken = await Staff.accessTokens.verify(new Secret(token))
  if (!accessToken) return null
  const staff = await Staff.find(accessToken.tokenableId)
  return staff && staff.status === StaffStatus.Active ? staff : null
}

export { authenticateMemberToken } from '#services/member_tokens'
