import { randomBytes } from 'node:crypto'
import encryption from '@adonisjs/core/services/encryption'
import IntegrationApp from '#models/integration_app'
import { IntegrationAppStatus, type IntegrationScope } from '#enums/integration'
import { audit, diff, type Actor } from '#services/audit'
import { transaction } from '#services/transactions'

/**
 * Creates an integration app with a fresh key id and secret. The secret is returned once;
 * only its encrypted form is stored.
 */
export default class CreateIntegrationApp {
  async handle(input: { name: string; scopes: IntegrationScope[] }, by: Actor) {
    const keyId = `rk_${randomBytes(12).toString('hex')}`
    const secret = `rs_${randomBytes(32).toString('base64url')}`

    const app = await transaction(async (trx) => {
      const created = await IntegrationApp.create(
        {
          name: input.name,
          keyId,
          secretEncrypted: encryption.encrypt(secret),
          scopes: input.scopes,
          status: IntegrationAppStatus.Active,
        },
        { client: trx }
      )
      await audit(
        by,
        'integration_app.create',
        { type: 'integration_app', id: created.id },
        diff({}, { name: created.name, key_id: keyId, scopes: created.scopes, secret }),
        trx
      )
      return created
    })
    return { app, secret }
  }
}
