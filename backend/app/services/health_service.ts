import db from '@adonisjs/lucid/services/db'
import type { Redis } from 'ioredis'
import type { QueueService } from '#services/queue_service'
import { QUEUE_NAMES } from '#enums/queue'

export type Check = { ok: boolean; latency_ms: number; error?: string }

const TIMEOUT_MS = 2000

/**
 * Probes each dependency with a short timeout, so a dead one is reported, not waited for.
 */
export class HealthService {
  constructor(
    private redis: Redis,
    private queues: QueueService
  ) {}

  async check() {
    const [mysql, redis, queues] = await Promise.all([
      probe(() => db.rawQuery('select 1')),
      probe(() => this.redis.ping()),
      probe(() => Promise.all(QUEUE_NAMES.map((name) => this.queues.counts(name)))),
    ])
    const checks = { mysql, redis, queues }
    const failed = Object.entries(checks)
      .filter(([, check]) => !check.ok)
      .map(([name]) => name)
    return { ok: failed.length === 0, failed, checks }
  }
}

async function probe(fn: () => Promise<unknown>): Promise<Check> {
  const started = performance.now()
  let timer: NodeJS.Timeout | undefined
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS)
      }),
    ])
    return { ok: true, latency_ms: Math.round(performance.now() - started) }
  } catch (error) {
    return {
      ok: false,
      latency_ms: Math.round(performance.now() - started),
      error: error instanceof Error ? error.message : String(error),
    }
  } finally {
    clearTimeout(timer)
  }
}
