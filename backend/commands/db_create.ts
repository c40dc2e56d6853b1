import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import env from '#start/env'
import { createDatabase } from '#database/create_database'

/**
 * `node ace db:create`: creates DB_DATABASE when absent. Safe to run every time.
 */
export default class DbCreate extends BaseCommand {
  static commandName = 'db:create'
  static description = 'Create the configured MySQL database when it does not exist'
  static options: CommandOptions = { startApp: false }

  async run() {
    const database = env.get('DB_DATABASE')
    const created = await createDatabase({
      host: env.get('DB_HOST'),
      port: env.get('DB_PORT'),
      user: env.get('DB_USER'),
      password: env.get('DB_PASSWORD'),
      database,
    })
    this.logger.info(created ? `Created database ${database}` : `Database ${database} exists`)
  }
}
