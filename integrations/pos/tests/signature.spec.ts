import { test } from '@japa/runner'
import { isFreshTimestamp, sign, signedHeaders, verifySignature } from '../src/signature.js'

/*
 * The vector published to integrators (CONTRACTS section 3), computed independently:
 *   printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac 'rs_test-secret'
 */
const SECRET = 'rs_test-secret'
const TIMESTAMP = '1700000000'
const BODY = '{"a":1}'
const SIGNATURE = 'sha256=f83ed6ca9cfb5e9f79fce939e0aa35d00c60fceec3ce762b1ea954c026906656'
const NOW_MS = Number(TIMESTAMP) * 1000

test.group('sign and verifySignature', () => {
  test('sign reproduces the published vector', ({ assert }) => {
    assert.equal(sign(SECRET, TIMESTAMP, BODY), SIGNATURE)
    assert.equal(sign(SECRET, Number(TIMESTAMP), BODY), SIGNATURE)
  })

  test('accepts the published vector, as a string body or as the raw bytes', ({ assert }) => {
    assert.isTrue(verifySignature(SECRET, TIMESTAMP, BODY, SIGNATURE))
    assert.isTrue(verifySignature(SECRET, TIMESTAMP, Buffer.from(BODY, 'utf8'), SIGNATURE))
  })

  test('rejects a changed body, a changed timestamp and another secret', ({ assert }) => {
    assert.isFalse(verifySignature(SECRET, TIMESTAMP, '{"a":2}', SIGNATURE))
    assert.isFalse(verifySignature(SECRET, TIMESTAMP, '{"a": 1}', SIGNATURE))
    assert.isFalse(verifySignature(SECRET, '1700000001', BODY, SIGNATURE))
    assert.isFalse(verifySignature('rs_other-secret', TIMESTAMP, BODY, SIGNATURE))
  })

  test('rejects a short, garbage, missing or non-ASCII header without throwing', ({ assert }) => {
    const headers = [
      SIGNATURE.slice(0, -1),
      'sha256=f83e',
      'sha256=',
      'f83ed6ca9cfb5e9f79fce939e0aa35d00c60fceec3ce762b1ea954c026906656',
      `sha256=${'z'.repeat(64)}`,
      `sha256=${'é'.repeat(64)}`,
      'not a signature',
      '',
      undefined,
      null,
    ]
    for (const header of headers) {
      assert.isFalse(verifySignature(SECRET, TIMESTAMP, BODY, header), String(header))
    }
  })

  test('rejects a header in another letter case (the form is exactly sha256=<lowercase hex>)', ({ assert }) => {
    assert.isFalse(verifySignature(SECRET, TIMESTAMP, BODY, SIGNATURE.toUpperCase()))
    const upperPrefix = SIGNATURE.replace('sha256=', 'SHA256=')
    assert.isFalse(verifySignature(SECRET, TIMESTAMP, BODY, upperPrefix))
  })
})

test.group('isFreshTimestamp', () => {
  test('accepts a timestamp exactly 300 seconds either side of the server clock', ({ assert }) => {
    assert.isTrue(isFreshTimestamp(TIMESTAMP, NOW_MS))
    assert.isTrue(isFreshTimestamp('1699999700', NOW_MS))
    assert.isTrue(isFreshTimestamp('1700000300', NOW_MS))
  })

  test('rejects a timestamp 301 seconds either side', ({ assert }) => {
    assert.isFalse(isFreshTimestamp('1699999699', NOW_MS))
    assert.isFalse(isFreshTimestamp('1700000301', NOW_MS))
  })

  test('rejects non-integers and empty values', ({ assert }) => {
    const timestamps = [
      '1700000000.5',
      '1.7e9',
      '-1700000000',
      ' 1700000000',
      '0x6553f100',
      'abc',
      '',
      undefined,
      null,
    ]
    for (const timestamp of timestamps) {
      assert.isFalse(isFreshTimestamp(timestamp, NOW_MS), String(timestamp))
    }
  })
})

test.group('signedHeaders', () => {
  test('produces headers that verify against the same body and secret', ({ assert }) => {
    const body = JSON.stringify({ order_no: 'SO-1001', amount: '120.00' })

    const headers = signedHeaders('key_store_1', SECRET, body, NOW_MS + 999)

    const { 'X-Rapport-Timestamp': timestamp, 'X-Rapport-Signature': signature } = headers
    assert.deepEqual(Object.keys(headers).sort(), [
      'X-Rapport-Key',
      'X-Rapport-Signature',
      'X-Rapport-Timestamp',
    ])
    assert.equal(headers['X-Rapport-Key'], 'key_store_1')
    assert.equal(timestamp, TIMESTAMP)
    assert.isTrue(isFreshTimestamp(timestamp, NOW_MS))
    assert.isTrue(verifySignature(SECRET, timestamp!, body, signature))
    assert.isFalse(verifySignature(SECRET, timestamp!, `${body} `, signature))
  })
})
