import logger from '@adonisjs/core/services/logger'
import WecomHandover from '#models/wecom_handover'
import { Job } from '#jobs/job'
import { QueueName } from '#enums/queue'
import Handovers from '#actions/wecom/handovers'

/**
 * Every minute: every running handover takes a step (customers decide within a day; pending
 * items left by an outage are submitted). One failing handover does not stop the others, and
 * the next minute tries again, so the job itself is not retried.
 */
export default class PollWecomHandoversJob extends Job {
  static jobName = 'PollWecomHandoversJob'
  static queue = QueueName.Wecom
  static options = { attempts: 1 }

  async handle() {
    const running = await WecomHandover.query().where('status', 'running').orderBy('id').select('id')
    for (const handover of running) {
      try {
        await new Handovers().advance(handover.id)
      } catch (error) {
        logger.warn({ err: error, handoverId: handover.id }, 'handover step failed; the next minute tries again')
      }
    }
  }
}
