import redis from '@adonisjs/redis/services/main'
import { RedisTokenStore } from '@rapport/wecom'

/** Someone else held the lock for longer than the caller was willing to wait. */
export class LockBusyError extends Error {
  constructor(key: string) {
    super(`${key} is busy, try again shortly`)
    this.name = 'LockBusyError'
  }
}

/**
 * Runs `work` holding a Redis lock shared by every web and worker process (SET NX PX, released
 * only by its owner: the WeCom package's lock). Waits up to `waitMs` for it (0: not at all),
 * then throws LockBusyError; a crashed holder's lock expires after `ttlMs`.
 */
export async function withLock<T>(key: string, work: () => Promise<T>, options: { ttlMs?: number; waitMs?: number } = {}): Promise<T> {
  const locks = new RedisTokenStore(redis.connection().ioConnection, 'rapport:')
  const deadline = Date.now() + (options.waitMs ?? 10_000)
  for (;;) {
    const release = await locks.lock(key, options.ttlMs ?? 60_000)
    if (release) {
      try {
        return await work()
      } finally {
        await release()
      }
    }
    if (Date.now() >= deadline) throw new LockBusyError(key)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}
