import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import StartSync from '#actions/wecom/start_sync'
import { SyncKind } from '#enums/wecom'
import { actor } from '#services/audit'

/**
 * `node ace wecom:sync [--kind full|incremental]`: queues a WeCom sync (a worker runs it) and
 * prints the run as JSON; the console's Sync page shows its progress.
 */
export default class WecomSync extends BaseCommand {
  static commandName = 'wecom:sync'
  static description = 'Queue a full or incremental sync with WeCom'
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'full or incremental', default: 'full' })
  declare kind: string

  async run() {
    if (this.kind !== SyncKind.Full && this.kind !== SyncKind.Incremental) {
      this.logger.error('--kind must be full or incremental')
      this.exitCode = 1
      return
    }
    try {
      const run = await new StartSync().handle(this.kind, actor.system('ace wecom:sync'))
      console.log(JSON.stringify({ id: run.id, kind: run.kind, status: run.status }))
    } catch (error) {
      this.logger.error(error instanceof Error ? error.message : String(error))
      this.exitCode = 1
    }
  }
}
