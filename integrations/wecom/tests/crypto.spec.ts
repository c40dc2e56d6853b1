import { test } from '@japa/runner'
import { CryptoErrorCode, WecomCrypto, WecomCryptoError } from '../src/crypto.js'
import { buildXml, parseXml } from '../src/xml.js'

/** The official example of WeCom's developer docs ("加解密方案说明"), CONTRACTS section 4. */
const official = {
  corpId: 'wx5823bf96d3bd56c7',
  token: 'QDG6eK',
  encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
}
const crypto = new WecomCrypto({ ...official, receiveId: official.corpId })

const verifyUrl = {
  signature: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
  timestamp: '1409659589',
  nonce: '263014780',
  echostr: decodeURIComponent(
    'P9nAzCzyDtyTWESHep1vC5X9xho%2FqYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp%2B4RPcs8TgAE7OaBO%2BFZXvnaqQ%3D%3D'
  ),
}

const post = {
  signature: '477715d11cdb4164915debcba66cb864d751f3e6',
  timestamp: '1409659813',
  nonce: '1372623149',
  encrypted:
    'RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==',
  plain:
    '<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName>\n<FromUserName><![CDATA[mycreate]]></FromUserName>\n<CreateTime>1409659813</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[hello]]></Content>\n<MsgId>4561255354251345929</MsgId>\n<AgentID>218</AgentID>\n</xml>',
}

test.group('WeCom callback crypto (the official example)', () => {
  test('URL verification: the signature matches and echostr decrypts to the documented answer', ({ assert }) => {
    const { signature, timestamp, nonce, echostr } = verifyUrl
    assert.isTrue(crypto.verify(signature, timestamp, nonce, echostr))
    assert.equal(crypto.decrypt(echostr), '1616140317555161061')
  })

  test('a posted message verifies and decrypts to the documented XML', ({ assert }) => {
    const { signature, timestamp, nonce, encrypted, plain } = post
    assert.isTrue(crypto.verify(signature, timestamp, nonce, encrypted))
    assert.equal(crypto.decrypt(encrypted), plain)
    assert.equal(parseXml(crypto.decrypt(encrypted)).MsgId, '4561255354251345929')
  })

  test('a tampered signature, timestamp or ciphertext does not verify', ({ assert }) => {
    const { signature, timestamp, nonce, encrypted } = post
    assert.isFalse(crypto.verify(signature.replace(/^4/, '5'), timestamp, nonce, encrypted))
    assert.isFalse(crypto.verify(signature, '1409659814', nonce, encrypted))
    assert.isFalse(crypto.verify(signature, timestamp, nonce, `${encrypted.slice(0, -4)}AAA=`))
    assert.isFalse(crypto.verify(signature.slice(0, 10), timestamp, nonce, encrypted))
  })

  test('a message for another corp is refused with -40005', ({ assert }) => {
    const other = new WecomCrypto({ ...official, receiveId: 'wwanothercorp' })
    assert.throws(() => other.decrypt(post.encrypted), WecomCryptoError)
    try {
      other.decrypt(post.encrypted)
    } catch (error) {
      assert.equal((error as WecomCryptoError).code, CryptoErrorCode.receiveId)
    }
  })

  test('garbage ciphertext is a crypto error, not a crash', ({ assert }) => {
    assert.throws(() => crypto.decrypt('bm90IGEgY2lwaGVydGV4dA=='), WecomCryptoError)
    assert.throws(() => crypto.decrypt(''), WecomCryptoError)
  })

  test('encrypt then decrypt round-trips, padded to 32-byte blocks', ({ assert }) => {
    for (const message of ['', 'x', '客户'.repeat(50), buildXml({ Event: 'change_external_contact', CreateTime: 1 })]) {
      const encrypted = crypto.encrypt(message)
      assert.equal((Buffer.from(encrypted, 'base64').length) % 32, 0)
      assert.equal(crypto.decrypt(encrypted), message)
    }
  })

  test('an EncodingAESKey of the wrong length is refused', ({ assert }) => {
    assert.throws(() => new WecomCrypto({ ...official, encodingAesKey: 'short', receiveId: 'x' }), /43/)
  })
})

test.group('WeCom XML', () => {
  test('CDATA and text values are strings; repeated elements are arrays', ({ assert }) => {
    const xml = buildXml({
      ChangeType: 'update',
      MemChangeCnt: 2,
      MemChangeList: { Item: ['wmA', 'wmB'] },
    })
    const parsed = parseXml(xml)
    assert.equal(parsed.ChangeType, 'update')
    assert.equal(parsed.MemChangeCnt, '2')
    assert.deepEqual(parsed.MemChangeList, { Item: ['wmA', 'wmB'] })
  })

  test('anything but an <xml> document is refused', ({ assert }) => {
    assert.throws(() => parseXml('<foo>1</foo>'))
    assert.throws(() => parseXml('not xml at all'))
  })
})
