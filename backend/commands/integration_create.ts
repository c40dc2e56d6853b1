import { args, BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { errors as vineErrors } from '@vinejs/vine'
import CreateIntegrationApp from '#actions/integrations/create_integration_app'
import { createIntegrationAppValidator } from '#validators/integration'
import { actor } from '#services/audit'

/**
 * `node ace integration:create NAME --scopes orders,events,coupons`
 * Prints `{"key_id": "...", "secret": "..."}`; the secret is shown once.
 */
export default class IntegrationCreate extends BaseCommand {
  static commandName = 'integration:create'
  static description = 'Create an integration app (POS, mall, mini-program) and print its key and secret'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Name of the calling system' }) declare name: string
  @flags.string({ required: true, description: 'Comma-separated: orders,events,coupons' }) declare scopes: string

  async run() {
    try {
      const input = await createIntegrationAppValidator.validate({
        name: this.name,
        scopes: this.scopes.split(',').map((scope) => scope.trim()).filter(Boolean),
      })
      const { app, secret } = await new CreateIntegrationApp().handle(input, actor.system('ace integration:create'))
      this.logger.log(JSON.stringify({ key_id: app.keyId, secret }))
    } catch (error) {
      if (!(error instanceof vineErrors.E_VALIDATION_ERROR)) throw error
      this.exitCode = 1
      for (const m of error.messages as { field: string; message: string }[]) {
        this.logger.error(`${m.field}: ${m.message}`)
      }
    }
  }
}
