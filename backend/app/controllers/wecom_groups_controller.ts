import type { HttpContext } from '@adonisjs/core/http'
import { NotFoundException } from '#exceptions/api_exceptions'
import { findVisibleGroup, groupDetail, groupPage } from '#queries/wecom/group_queries'
import { listGroupsValidator } from '#validators/wecom_groups'

/** Customer groups, as the caller's data scope shows them (a group outside it is a 404). */
export default class WecomGroupsController {
  async index({ auth, request }: HttpContext) {
    const filters = await request.validateUsing(listGroupsValidator, { data: request.qs() })
    return groupPage(auth.getUserOrFail(), filters)
  }

  async show({ auth, params }: HttpContext) {
    const group = await findVisibleGroup(auth.getUserOrFail(), Number(params.id))
    if (!group) throw new NotFoundException()
    return groupDetail(group)
  }
}
