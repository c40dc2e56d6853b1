import db from '@adonisjs/lucid/services/db'
import redis from '@adonisjs/redis/services/main'
import env from '#start/env'
import { createDatabase } from '#database/create_database'
import { insertReferenceData } from '#database/reference_data'

/**
 * Creates the test database when it does not exist yet (a clean machine has none).
 */
export async function createTestDatabase() {
  await createDatabase({
    host: env.get('DB_HOST'),
    port: env.get('DB_PORT'),
    user: env.get('DB_USER'),
    password: env.get('DB_PASSWORD'),
    database: env.get('DB_DATABASE'),
  })
}

/**
 * Every test starts from empty tables and an empty test Redis database (rate-limit counters,
 * queues). Real commits happen inside tests, so isolation is by deletion, not by rollback.
 */
export async function resetState() {
  if (env.get('NODE_ENV') !== 'test') throw new Error('resetState runs only in tests')
  const rows = await db.rawQuery(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'adonis_schema%'`
  )
  const tables: string[] = rows[0].map((row: { name: string }) => row.name)
  await db.transaction(async (trx) => {
    await trx.rawQuery('SET FOREIGN_KEY_CHECKS = 0')
    for (const table of tables) await trx.rawQuery(`DELETE FROM \`${table}\``)
    await trx.rawQuery('SET FOREIGN_KEY_CHECKS = 1')
    await insertReferenceData(trx)
  })
  await redis.connection('main').flushdb()
}
