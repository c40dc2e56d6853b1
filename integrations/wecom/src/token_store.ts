/*
 * Where the client keeps its access token. WeCom issues a token per app secret and limits how
 * often one may be fetched, so every process of a fleet must share one token: RedisTokenStore
 * keeps it (and a short lock so that only one process fetches a new one) in Redis.
 * MemoryTokenStore does the same within a single process (the simulator CLI, unit tests).
 */
import { randomUUID } from 'node:crypto'

export interface TokenStore {
  get(key: string): Promise<string | null>
  set(key: string, value: string, ttlSeconds: number): Promise<void>
  del(key: string): Promise<void>
  /**
   * Takes the lock `key` for at most `ttlMs` (so a crashed holder cannot block the others).
   * Answers the release function, or null when someone else holds the lock.
   */
  lock(key: string, ttlMs: number): Promise<null | (() => Promise<void>)>
}

/**
 * The part of an ioredis client the store uses, declared structurally so this package does not
 * depend on ioredis (the backend passes its own connection).
 */
export interface RedisLike {
  get(key: string): Promise<string | null>
  set(key: string, value: string, secondsToken: 'EX', seconds: number): Promise<unknown>
  set(key: string, value: string, millisecondsToken: 'PX', milliseconds: number, nx: 'NX'): Promise<unknown>
  del(key: string): Promise<number>
  eval(script: string, numkeys: number, ...args: string[]): Promise<unknown>
}

/** Deletes the lock only if it is still ours: after its ttl another process may hold it. */
const RELEASE_IF_OWNER = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`

export class RedisTokenStore implements TokenStore {
  constructor(
    private readonly redis: RedisLike,
    private readonly prefix = 'wecom:'
  ) {}

  get(key: string): Promise<string | null> {
    return this.redis.get(this.prefix + key)
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    await this.redis.set(this.prefix + key, value, 'EX', Math.max(1, Math.floor(ttlSeconds)))
  }

  async del(key: string): Promise<void> {
    await this.redis.del(this.prefix + key)
  }

  async lock(key: string, ttlMs: number): Promise<null | (() => Promise<void>)> {
    const lockKey = `${this.prefix}lock:${key}`
    const owner = randomUUID()
    const taken = await this.redis.set(lockKey, owner, 'PX', Math.max(1, Math.floor(ttlMs)), 'NX')
    if (taken !== 'OK') return null
    return async () => {
      await this.redis.eval(RELEASE_IF_OWNER, 1, lockKey, owner)
    }
  }
}

export class MemoryTokenStore implements TokenStore {
  readonly #values = new Map<string, { value: string; expiresAt: number }>()
  readonly #locks = new Map<string, { owner: symbol; expiresAt: number }>()

  async get(key: string): Promise<string | null> {
    const entry = this.#values.get(key)
    if (!entry) return null
    if (entry.expiresAt <= Date.now()) {
      this.#values.delete(key)
      return null
    }
    return entry.value
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    this.#values.set(key, { value, expiresAt: Date.now() + ttlSeconds * 1000 })
  }

  async del(key: string): Promise<void> {
    this.#values.delete(key)
  }

  async lock(key: string, ttlMs: number): Promise<null | (() => Promise<void>)> {
    const held = this.#locks.get(key)
    if (held && held.expiresAt > Date.now()) return null
    const owner = Symbol(key)
    this.#locks.set(key, { owner, expiresAt: Date.now() + ttlMs })
    return async () => {
      if (this.#locks.get(key)?.owner === owner) this.#locks.delete(key)
    }
  }
}
