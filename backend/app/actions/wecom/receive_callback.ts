import { createHash } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import { DateTime } from 'luxon'
import { WecomCryptoError, parseXml } from '@rapport/wecom'
import WecomCallback from '#models/wecom_callback'
import ProcessWecomCallbackJob from '#jobs/process_wecom_callback_job'
import { UnauthorizedException, UnprocessableException } from '#exceptions/api_exceptions'
import { QueueService } from '#services/queue_service'
import { isDuplicateKey } from '#services/transactions'
import { withDeadline } from '#services/deadline'
import { wecomCrypto } from '#services/wecom'

export type SignedQuery = { msg_signature?: string; timestamp?: string; nonce?: string }

/**
 * WeCom's callback protocol (CONTRACTS section 4): URL verification answers the decrypted
 * echostr; a posted event is verified, decrypted, stored (deduplicated by a hash of the
 * decrypted body) and answered, then processed by a job. Nothing is stored for a bad
 * signature or a message for another corp.
 */
export default class ReceiveWecomCallback {
  verifyUrl(query: SignedQuery & { echostr?: string }): string {
    return this.#open(query, query.echostr)
  }

  async receive(query: SignedQuery, body: string): Promise<void> {
    let encrypted: unknown
    try {
      encrypted = parseXml(body).Encrypt
    } catch {
      throw new UnprocessableException('The body must be WeCom XML with an Encrypt element', 'Encrypt')
    }
    if (typeof encrypted !== 'string' || encrypted === '') {
      throw new UnprocessableException('The body must be WeCom XML with an Encrypt element', 'Encrypt')
    }
    const plain = this.#open(query, encrypted)
    let fields: Record<string, unknown>
    try {
      fields = parseXml(plain)
    } catch {
      throw new UnprocessableException('The decrypted message is not WeCom XML', 'Encrypt')
    }

    const hash = createHash('sha256').update(plain).digest('hex')
    let callback: WecomCallback
    try {
      callback = await WecomCallback.create({
        hash,
        event: String(fields.Event ?? fields.MsgType ?? 'unknown').slice(0, 40),
        changeType: typeof fields.ChangeType === 'string' ? fields.ChangeType.slice(0, 40) : null,
        body: plain,
        receivedAt: DateTime.now(),
        processedAt: null,
        attempts: 0,
        error: null,
      })
    } catch (error) {
      if (isDuplicateKey(error)) return // WeCom's retry of one we already have
      throw error
    }
    await queueCallback(callback.id, 0)
  }

  #open(query: SignedQuery, encrypted: string | undefined): string {
    const { msg_signature: signature, timestamp, nonce } = query
    if (!signature || !timestamp || !nonce || !encrypted) {
      throw new UnauthorizedException('msg_signature, timestamp, nonce and the message are required', 'bad_signature')
    }
    const crypto = wecomCrypto()
    if (!crypto.verify(signature, timestamp, nonce, encrypted)) {
      throw new UnauthorizedException('The signature does not match', 'bad_signature')
    }
    try {
      return crypto.decrypt(encrypted)
    } catch (error) {
      if (error instanceof WecomCryptoError) throw new UnauthorizedException(error.message, 'bad_message')
      throw error
    }
  }
}

/**
 * Queues processing. The callback is already stored, so when Redis is down this only logs:
 * the sweeper (RequeueWecomCallbacksJob) queues it again later. The job id names the attempt:
 * a job still waiting is not added twice, one that failed for good can be added again.
 */
export async function queueCallback(callbackId: number, attempts: number) {
  try {
    const queues = await app.container.make(QueueService)
    await withDeadline(
      queues.dispatch(ProcessWecomCallbackJob, { callback_id: callbackId }, { jobId: `wecom-callback-${callbackId}-${attempts}` }),
      500,
      'redis'
    )
  } catch (error) {
    logger.warn({ err: error, callbackId }, 'WeCom callback stored but not queued; the sweeper will queue it')
  }
}
