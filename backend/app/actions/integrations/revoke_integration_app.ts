import IntegrationApp from '#models/integration_app'
import { IntegrationAppStatus } from '#enums/integration'
import { audit, type Actor } from '#services/audit'
import { transaction } from '#services/transactions'

/**
 * A revoked key is refused (401) from the next request on.
 */
export default class RevokeIntegrationApp {
  async handle(appId: number, by: Actor) {
    return transaction(async (trx) => {
      const app = await IntegrationApp.query({ client: trx }).where('id', appId).forUpdate().firstOrFail()
      if (app.status === IntegrationAppStatus.Revoked) return app
      app.status = IntegrationAppStatus.Revoked
      await app.useTransaction(trx).save()
      await audit(
        by,
        'integration_app.revoke',
        { type: 'integration_app', id: app.id },
        { status: { from: IntegrationAppStatus.Active, to: IntegrationAppStatus.Revoked } },
        trx
      )
      return app
    })
  }
}
