/*
 * Callback delivery the way WeCom does it: the event's XML (buildCallbackXml) encrypted with the
 * app's EncodingAESKey, posted as <xml><ToUserName/><AgentID/><Encrypt/></xml> to
 * {url}?msg_signature&timestamp&nonce. An answer other than 200 within the timeout (5 s at WeCom)
 * is retried, three times at most. A retry or a replay posts the very same request again.
 */
import { randomBytes, randomInt } from 'node:crypto'
import { WecomCrypto } from '../crypto.js'
import { buildCallbackXml, type WecomEvent } from '../events.js'
import { buildXml } from '../xml.js'

export interface CallbackConfig {
  url: string
  token: string
  encodingAesKey: string
  /** How long to wait for an answer (WeCom: 5 s). */
  timeoutMs?: number
  /** Pause before each retry (default 500 ms). */
  retryDelayMs?: number
  /** Retries after the first attempt (WeCom: 3). */
  retries?: number
}

export interface DeliveryAttempt {
  /** Milliseconds. */
  at: number
  /** The HTTP status answered, or null when the request failed or timed out. */
  status: number | null
  error?: string
  replay: boolean
}

export interface CallbackDelivery {
  readonly id: number
  readonly event: WecomEvent
  /** The decrypted XML, as the receiver should see it. */
  readonly plaintext: string
  readonly attempts: readonly DeliveryAttempt[]
  /** The status of the last attempt; null when nothing answered or no callback is configured. */
  readonly status: number | null
  /** True once an attempt was answered 200. */
  readonly delivered: boolean
  /** Posts the very same request again (for dedupe tests); resolves with the status answered. */
  replay(): Promise<number | null>
  toJSON(): unknown
}

interface PreparedRequest {
  url: string
  body: string
}

class Delivery implements CallbackDelivery {
  readonly attempts: DeliveryAttempt[] = []

  constructor(
    readonly id: number,
    readonly event: WecomEvent,
    readonly plaintext: string,
    readonly request: PreparedRequest | null,
    readonly post: (request: PreparedRequest) => Promise<Omit<DeliveryAttempt, 'replay' | 'at'>>
  ) {}

  get status(): number | null {
    return this.attempts.at(-1)?.status ?? null
  }

  get delivered(): boolean {
    return this.attempts.some((attempt) => attempt.status === 200)
  }

  async attempt(replay: boolean): Promise<number | null> {
    if (!this.request) return null
    const at = Date.now()
    const outcome = await this.post(this.request)
    this.attempts.push({ at, replay, ...outcome })
    return outcome.status
  }

  replay(): Promise<number | null> {
    return this.attempt(true)
  }

  toJSON(): unknown {
    return { id: this.id, status: this.status, delivered: this.delivered, attempts: this.attempts }
  }
}

export class CallbackSender {
  readonly deliveries: CallbackDelivery[] = []
  #config: CallbackConfig | null
  #crypto: WecomCrypto | null = null
  #nextId = 1
  #closed = false
  readonly #pending = new Set<AbortController>()

  constructor(
    private readonly corpId: string,
    private readonly agentId: string,
    config: CallbackConfig | null
  ) {
    this.#config = null
    this.configure(config)
  }

  get config(): CallbackConfig | null {
    return this.#config
  }

  configure(config: CallbackConfig | null): void {
    this.#config = config
    this.#crypto = config
      ? new WecomCrypto({ token: config.token, encodingAesKey: config.encodingAesKey, receiveId: this.corpId })
      : null
  }

  /** Sends one event and resolves once it was delivered or the retries ran out. */
  async send(event: WecomEvent): Promise<CallbackDelivery> {
    const plaintext = buildCallbackXml(this.corpId, event)
    const delivery = new Delivery(this.#nextId++, event, plaintext, this.#prepare(plaintext), (request) =>
      this.#post(request)
    )
    this.deliveries.push(delivery)
    const retries = this.#config?.retries ?? 3
    for (let attempt = 0; attempt <= retries && delivery.request && !this.#closed; attempt++) {
      if (attempt > 0) await sleep(this.#config?.retryDelayMs ?? 500)
      if (this.#closed || (await delivery.attempt(false)) === 200) break
    }
    return delivery
  }

  /**
   * What WeCom does when an admin saves the callback URL: GET with an encrypted echostr, and the
   * receiver must answer the decrypted echostr as the whole body.
   */
  async verifyUrl(): Promise<{ ok: boolean; status: number | null; body: string; expected: string }> {
    if (!this.#config || !this.#crypto) throw new Error('No callback is configured')
    const expected = String(randomInt(1, 2 ** 47))
    const echostr = this.#crypto.encrypt(expected)
    const { timestamp, nonce } = stamp()
    const query = new URLSearchParams({
      msg_signature: this.#crypto.signature(timestamp, nonce, echostr),
      timestamp,
      nonce,
      echostr,
    })
    try {
      const response = await fetch(withQuery(this.#config.url, query), {
        signal: AbortSignal.timeout(this.#config.timeoutMs ?? 5000),
      })
      const body = await response.text()
      return { ok: response.status === 200 && body === expected, status: response.status, body, expected }
    } catch (error) {
      return { ok: false, status: null, body: String(error), expected }
    }
  }

  /** Aborts requests in flight and stops retrying (on close). */
  abortAll(): void {
    this.#closed = true
    for (const controller of this.#pending) controller.abort()
    this.#pending.clear()
  }

  #prepare(plaintext: string): PreparedRequest | null {
    if (!this.#config || !this.#crypto) return null
    const encrypted = this.#crypto.encrypt(plaintext)
    const { timestamp, nonce } = stamp()
    const query = new URLSearchParams({
      msg_signature: this.#crypto.signature(timestamp, nonce, encrypted),
      timestamp,
      nonce,
    })
    return {
      url: withQuery(this.#config.url, query),
      body: buildXml({ ToUserName: this.corpId, AgentID: this.agentId, Encrypt: encrypted }),
    }
  }

  async #post(request: PreparedRequest): Promise<Omit<DeliveryAttempt, 'replay' | 'at'>> {
    const controller = new AbortController()
    this.#pending.add(controller)
    const timer = setTimeout(() => controller.abort(new Error('timeout')), this.#config?.timeoutMs ?? 5000)
    try {
      const response = await fetch(request.url, {
        method: 'POST',
        headers: { 'content-type': 'text/xml; charset=utf-8' },
        body: request.body,
        signal: controller.signal,
      })
      await response.arrayBuffer()
      return { status: response.status }
    } catch (error) {
      const reason = controller.signal.aborted ? controller.signal.reason : error
      return { status: null, error: reason instanceof Error ? reason.message : String(reason) }
    } finally {
      clearTimeout(timer)
      this.#pending.delete(controller)
    }
  }
}

function stamp(): { timestamp: string; nonce: string } {
  return {
    timestamp: String(Math.floor(Date.now() / 1000)),
    nonce: String(randomBytes(4).readUInt32BE(0)),
  }
}

function withQuery(url: string, query: URLSearchParams): string {
  return `${url}${url.includes('?') ? '&' : '?'}${query.toString()}`
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
