import { createHash } from 'node:crypto'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import db from '@adonisjs/lucid/services/db'
import { ConflictException } from '#exceptions/api_exceptions'
import { isDuplicateKey, transaction } from '#services/transactions'

export type Stored<T> = { status: number; body: T }

export function requestHash(body: unknown) {
  return createHash('sha256').update(JSON.stringify(body ?? null)).digest('hex')
}

/**
 * Runs `work` once per (scope, key): a retry with the same key and request answers the first
 * answer; the same key with another request is a 409. The key row is claimed inside the work's
 * transaction, so a concurrent retry waits for the first and then replays it. Without a key,
 * `work` simply runs.
 */
export async function onceFor<T>(
  scope: string,
  key: string | undefined,
  request: unknown,
  work: (trx: TransactionClientContract) => Promise<Stored<T>>
): Promise<Stored<T>> {
  if (!key) return transaction(work)
  const hash = requestHash(request)
  const replay = async () => {
    const row = await db.from('idempotency_keys').where({ scope, idem_key: key }).first()
    if (!row) return null
    if (row.request_hash !== hash) {
      throw new ConflictException('This Idempotency-Key was used for another request', 'idempotency_key_reused')
    }
    return { status: row.status_code, body: typeof row.response === 'string' ? JSON.parse(row.response) : row.response }
  }
  const first = await replay()
  if (first) return first
  try {
    return await transaction(async (trx) => {
      await trx.table('idempotency_keys').insert({
        scope,
        idem_key: key,
        request_hash: hash,
        status_code: 0,
        response: '{}',
        created_at: new Date(),
      })
      const result = await work(trx)
      await trx
        .from('idempotency_keys')
        .where({ scope, idem_key: key })
        .update({ status_code: result.status, response: JSON.stringify(result.body) })
      return result
    })
  } catch (error) {
    if (isDuplicateKey(error) && /idempotency_keys/.test((error as Error).message)) {
      const again = await replay()
      if (again) return again
    }
    throw error
  }
}
