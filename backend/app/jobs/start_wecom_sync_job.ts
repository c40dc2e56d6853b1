import logger from '@adonisjs/core/services/logger'
import { Job } from '#jobs/job'
import { QueueName } from '#enums/queue'
import { SyncKind } from '#enums/wecom'
import { ConflictException } from '#exceptions/api_exceptions'
import StartSync from '#actions/wecom/start_sync'
import { actor } from '#services/audit'
import wecomConfig from '#config/wecom'

/**
 * The nightly incremental sync: catches what callbacks missed (WeCom gives up on a callback
 * after three tries). Skipped when WeCom is not configured or a sync is already running.
 */
export default class StartWecomSyncJob extends Job {
  static jobName = 'StartWecomSyncJob'
  static queue = QueueName.Wecom

  async handle() {
    if (!wecomConfig.corpId || !wecomConfig.secret) return
    try {
      await new StartSync().handle(SyncKind.Incremental, actor.system('schedule'))
    } catch (error) {
      if (error instanceof ConflictException) {
        logger.info('WeCom sync already running; the scheduled one is skipped')
        return
      }
      throw error
    }
  }
}
