import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import db from '@adonisjs/lucid/services/db'
import { rebuildStatistics } from '#services/member_statistics'

/**
 * `node ace stats:rebuild`: recomputes every member's statistics from the orders (after a bulk
 * import, or to check the incremental ones).
 */
export default class StatsRebuild extends BaseCommand {
  static commandName = 'stats:rebuild'
  static description = 'Rebuild member statistics (spend, orders, favourites) from the orders'
  static options: CommandOptions = { startApp: true }

  async run() {
    const started = performance.now()
    await rebuildStatistics(db.connection())
    this.logger.success(`Member statistics rebuilt in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  }
}
