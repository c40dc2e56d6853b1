import { Job } from '#jobs/job'
import { QueueName } from '#enums/queue'
import Handovers from '#actions/wecom/handovers'

export type RunWecomHandoverPayload = { handover_id: number }

/** One step of a handover (submit, read results, apply): see Handovers.advance. */
export default class RunWecomHandoverJob extends Job<RunWecomHandoverPayload> {
  static jobName = 'RunWecomHandoverJob'
  static queue = QueueName.Wecom

  async handle(payload: RunWecomHandoverPayload) {
    await new Handovers().advance(payload.handover_id)
  }
}
