/*
 * WeCom's callback crypto ("加解密方案说明"): a SHA-1 signature over the sorted token, timestamp,
 * nonce and ciphertext; AES-256-CBC with the key from the EncodingAESKey, the IV its first 16
 * bytes, PKCS#7 padding to a 32-byte block; the plaintext is 16 random bytes, the message length
 * (4 bytes, big-endian), the message and the receiveid (the corp id).
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto'

const BLOCK = 32

/** WeCom's own error codes for the callback crypto. */
export const CryptoErrorCode = {
  validateSignature: -40001,
  decrypt: -40007,
  illegalBuffer: -40008,
  receiveId: -40005,
  encrypt: -40006,
  illegalAesKey: -40004,
} as const

export class WecomCryptoError extends Error {
  constructor(
    public readonly code: number,
    message: string
  ) {
    super(message)
    this.name = 'WecomCryptoError'
  }
}

export interface WecomCryptoOptions {
  token: string
  encodingAesKey: string
  /** The corp id (or suite id) that every message must name. */
  receiveId: string
}

export class WecomCrypto {
  readonly #token: string
  readonly #key: Buffer
  readonly #iv: Buffer
  readonly #receiveId: string

  constructor({ token, encodingAesKey, receiveId }: WecomCryptoOptions) {
    if (encodingAesKey.length !== 43) {
      throw new WecomCryptoError(CryptoErrorCode.illegalAesKey, 'EncodingAESKey must be 43 characters')
    }
    this.#token = token
    this.#key = Buffer.from(`${encodingAesKey}=`, 'base64')
    this.#iv = this.#key.subarray(0, 16)
    this.#receiveId = receiveId
  }

  signature(timestamp: string, nonce: string, encrypted: string): string {
    const joined = [this.#token, timestamp, nonce, encrypted].sort().join('')
    return createHash('sha1').update(joined).digest('hex')
  }

  /** Constant-time comparison of a presented msg_signature. */
  verify(signature: string, timestamp: string, nonce: string, encrypted: string): boolean {
    const expected = Buffer.from(this.signature(timestamp, nonce, encrypted))
    const presented = Buffer.from(String(signature))
    return presented.length === expected.length && timingSafeEqual(presented, expected)
  }

  /**
   * Decrypts a ciphertext and checks that it names our receiveid. Throws WecomCryptoError.
   */
  decrypt(encrypted: string): string {
    let plain: Buffer
    try {
      const decipher = createDecipheriv('aes-256-cbc', this.#key, this.#iv)
      decipher.setAutoPadding(false)
      plain = Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64')), decipher.final()])
    } catch {
      throw new WecomCryptoError(CryptoErrorCode.decrypt, 'The message could not be decrypted')
    }
    const pad = plain.at(-1) ?? 0
    if (pad < 1 || pad > BLOCK || plain.length < 20 + pad) {
      throw new WecomCryptoError(CryptoErrorCode.illegalBuffer, 'The decrypted message is malformed')
    }
    const content = plain.subarray(16, plain.length - pad)
    const length = content.readUInt32BE(0)
    if (4 + length > content.length) {
      throw new WecomCryptoError(CryptoErrorCode.illegalBuffer, 'The decrypted message is malformed')
    }
    const message = content.subarray(4, 4 + length).toString('utf8')
    const receiveId = content.subarray(4 + length).toString('utf8')
    if (receiveId !== this.#receiveId) {
      throw new WecomCryptoError(CryptoErrorCode.receiveId, 'The message is for another receiver')
    }
    return message
  }

  /** Encrypts a message for our receiveid (what WeCom does before calling back). */
  encrypt(message: string, random: Buffer = randomBytes(16)): string {
    const body = Buffer.from(message, 'utf8')
    const length = Buffer.alloc(4)
    length.writeUInt32BE(body.length)
    const unpadded = Buffer.concat([random, length, body, Buffer.from(this.#receiveId, 'utf8')])
    const pad = BLOCK - (unpadded.length % BLOCK)
    const cipher = createCipheriv('aes-256-cbc', this.#key, this.#iv)
    cipher.setAutoPadding(false)
    return Buffer.concat([
      cipher.update(Buffer.concat([unpadded, Buffer.alloc(pad, pad)])),
      cipher.final(),
    ]).toString('base64')
  }
}
