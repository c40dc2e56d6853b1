import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * Request signing for integration webhooks: `X-Rapport-Signature: sha256=<hex HMAC-SHA256(
 * secret, timestamp + "." + raw body)>`, the key being the secret string's UTF-8 bytes.
 */
export const HEADERS = {
  key: 'x-rapport-key',
  timestamp: 'x-rapport-timestamp',
  signature: 'x-rapport-signature',
} as const

/** A timestamp exactly this far from the server clock is still accepted. */
export const MAX_CLOCK_SKEW_SECONDS = 300

export function sign(secret: string, timestamp: string | number, rawBody: string | Buffer): string {
  const hmac = createHmac('sha256', Buffer.from(secret, 'utf8'))
  hmac.update(`${timestamp}.`)
  hmac.update(rawBody)
  return `sha256=${hmac.digest('hex')}`
}

/**
 * Compares in constant time; a header of another length or form is simply wrong.
 */
export function verifySignature(
  secret: string,
  timestamp: string,
  rawBody: string | Buffer,
  header: string | undefined | null
): boolean {
  if (!header) return false
  const expected = Buffer.from(sign(secret, timestamp, rawBody), 'utf8')
  const given = Buffer.from(header.trim(), 'utf8')
  return expected.length === given.length && timingSafeEqual(expected, given)
}

/**
 * Whole unix seconds within MAX_CLOCK_SKEW_SECONDS of `nowMs`, either way.
 */
export function isFreshTimestamp(timestamp: string | undefined | null, nowMs = Date.now()): boolean {
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return false
  return Math.abs(Math.floor(nowMs / 1000) - Number(timestamp)) <= MAX_CLOCK_SKEW_SECONDS
}

/**
 * The three headers a caller sends with `rawBody`.
 */
export function signedHeaders(
  keyId: string,
  secret: string,
  rawBody: string,
  nowMs = Date.now()
): Record<string, string> {
  const timestamp = String(Math.floor(nowMs / 1000))
  return {
    'X-Rapport-Key': keyId,
    'X-Rapport-Timestamp': timestamp,
    'X-Rapport-Signature': sign(secret, timestamp, rawBody),
  }
}
