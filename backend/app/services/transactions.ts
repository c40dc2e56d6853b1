import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

const RETRYABLE = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT'])

/**
 * A READ COMMITTED transaction (every connection's level: config/database.ts), retried when
 * InnoDB picks it as a deadlock victim (it was rolled back whole, so running it again is safe).
 * Correctness comes from explicit row locks (FOR UPDATE) and unique keys; READ COMMITTED takes
 * no gap locks, so unrelated inserts into the same index range do not block or deadlock each
 * other.
 */
export async function transaction<T>(work: (trx: TransactionClientContract) => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(work)
    } catch (error) {
      if (attempt >= attempts || !RETRYABLE.has((error as { code?: string }).code ?? '')) throw error
      await new Promise((resolve) => setTimeout(resolve, 10 * attempt + Math.random() * 40))
    }
  }
}

export function isDuplicateKey(error: unknown) {
  return (error as { code?: string })?.code === 'ER_DUP_ENTRY'
}
