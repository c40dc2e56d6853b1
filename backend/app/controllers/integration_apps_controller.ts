import type { HttpContext } from '@adonisjs/core/http'
import IntegrationApp from '#models/integration_app'
import CreateIntegrationApp from '#actions/integrations/create_integration_app'
import RevokeIntegrationApp from '#actions/integrations/revoke_integration_app'
import { paginate } from '#queries/paginate'
import { actor } from '#services/audit'
import { presentIntegrationApp } from '#controllers/presenters'
import { createIntegrationAppValidator, listValidator } from '#validators/integration'

export default class IntegrationAppsController {
  async index({ bouncer, request }: HttpContext) {
    await bouncer.authorize('administer')
    const params = await request.validateUsing(listValidator, { data: request.qs() })
    return paginate(IntegrationApp.query().orderBy('id', 'desc'), params, presentIntegrationApp)
  }

  async store(ctx: HttpContext) {
    const { auth, bouncer, request, response } = ctx
    await bouncer.authorize('administer')
    const input = await request.validateUsing(createIntegrationAppValidator)
    const { app, secret } = await new CreateIntegrationApp().handle(input, actor.staff(auth.getUserOrFail(), ctx))
    return response.created({ ...presentIntegrationApp(app), secret })
  }

  async revoke(ctx: HttpContext) {
    const { auth, bouncer, params } = ctx
    await bouncer.authorize('administer')
    const app = await new RevokeIntegrationApp().handle(Number(params.id), actor.staff(auth.getUserOrFail(), ctx))
    return presentIntegrationApp(app)
  }
}
