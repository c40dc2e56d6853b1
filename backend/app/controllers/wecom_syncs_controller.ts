import type { HttpContext } from '@adonisjs/core/http'
import WecomSyncRun from '#models/wecom_sync_run'
import WecomPolicy from '#policies/wecom_policy'
import StartSync from '#actions/wecom/start_sync'
import { presentSyncRun, syncRunPage } from '#queries/wecom/sync_queries'
import { actor } from '#services/audit'
import { listSyncsValidator, startSyncValidator } from '#validators/wecom_sync'

/** WeCom syncs: admin and hq_operator start them and follow their progress. */
export default class WecomSyncsController {
  async index({ bouncer, request }: HttpContext) {
    await bouncer.with(WecomPolicy).authorize('manage')
    const params = await request.validateUsing(listSyncsValidator, { data: request.qs() })
    return syncRunPage(params)
  }

  async show({ bouncer, params }: HttpContext) {
    await bouncer.with(WecomPolicy).authorize('manage')
    return presentSyncRun(await WecomSyncRun.findOrFail(params.id))
  }

  /** 202 with the queued run; 409 while another is queued or running. */
  async store(ctx: HttpContext) {
    const { auth, bouncer, request, response } = ctx
    await bouncer.with(WecomPolicy).authorize('manage')
    const { kind } = await request.validateUsing(startSyncValidator)
    const run = await new StartSync().handle(kind, actor.staff(auth.getUserOrFail(), ctx))
    return response.accepted(presentSyncRun(run))
  }
}
