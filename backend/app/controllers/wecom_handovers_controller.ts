import type { HttpContext } from '@adonisjs/core/http'
import WecomHandoverPolicy from '#policies/wecom_handover_policy'
import Handovers from '#actions/wecom/handovers'
import { NotFoundException } from '#exceptions/api_exceptions'
import { findVisibleHandover, handoverPage, presentHandovers } from '#queries/wecom/handover_queries'
import { actor } from '#services/audit'
import { createHandoverValidator, listHandoversValidator } from '#validators/wecom_handover'

/** Handovers of WeCom customers: admin and hq_operator, and store managers within their store. */
export default class WecomHandoversController {
  async index({ auth, bouncer, request }: HttpContext) {
    await bouncer.with(WecomHandoverPolicy).authorize('use')
    const filters = await request.validateUsing(listHandoversValidator, { data: request.qs() })
    return handoverPage(auth.getUserOrFail(), filters)
  }

  async show({ auth, bouncer, params }: HttpContext) {
    await bouncer.with(WecomHandoverPolicy).authorize('use')
    const handover = await findVisibleHandover(auth.getUserOrFail(), Number(params.id))
    if (!handover) throw new NotFoundException()
    const [presented] = await presentHandovers([handover], { items: true })
    return presented
  }

  /** 202: WeCom carries the transfers out over up to a day; GET handovers/:id follows them. */
  async store(ctx: HttpContext) {
    const { auth, bouncer, request, response } = ctx
    await bouncer.with(WecomHandoverPolicy).authorize('use')
    const input = await request.validateUsing(createHandoverValidator)
    const staff = auth.getUserOrFail()
    const handover = await new Handovers().create(input, staff, actor.staff(staff, ctx))
    const [presented] = await presentHandovers([handover], { items: true })
    return response.status(202).send(presented)
  }
}
