import { UnrecoverableError } from 'bullmq'
import { DateTime } from 'luxon'
import { parseCallbackEvent } from '@rapport/wecom'
import WecomCallback from '#models/wecom_callback'
import { Job } from '#jobs/job'
import { QueueName } from '#enums/queue'
import HandleContactEvent from '#actions/wecom/handle_contact_event'
import HandleChatEvent from '#actions/wecom/handle_chat_event'
import HandleTagEvent from '#actions/wecom/handle_tag_event'

export type ProcessWecomCallbackPayload = { callback_id: number }

/**
 * Applies one stored WeCom callback. Handlers are idempotent (they converge on WeCom's state),
 * so a retry after a crash is safe; `processed_at` makes a re-queued callback a no-op.
 */
export default class ProcessWecomCallbackJob extends Job<ProcessWecomCallbackPayload> {
  static jobName = 'ProcessWecomCallbackJob'
  static queue = QueueName.Wecom

  async handle(payload: ProcessWecomCallbackPayload) {
    const callback = await WecomCallback.find(payload.callback_id)
    if (!callback) throw new UnrecoverableError(`No WeCom callback ${payload.callback_id}`)
    if (callback.processedAt) return

    callback.attempts += 1
    await callback.save()
    try {
      const event = parse(callback.body)
      if (event.kind === 'contact') await new HandleContactEvent().handle(event)
      else if (event.kind === 'chat') await new HandleChatEvent().handle(event)
      else if (event.kind === 'tag') await new HandleTagEvent().handle(event)
      callback.merge({ processedAt: DateTime.now(), error: null })
    } catch (error) {
      callback.error = error instanceof Error ? error.message : String(error)
      await callback.save()
      throw error
    }
    await callback.save()
  }
}

/** A callback missing a field WeCom always sends will not get better by retrying. */
function parse(body: string) {
  try {
    return parseCallbackEvent(body)
  } catch (error) {
    throw new UnrecoverableError(`Malformed WeCom callback: ${error instanceof Error ? error.message : error}`)
  }
}
