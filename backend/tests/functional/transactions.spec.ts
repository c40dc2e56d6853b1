import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { transaction } from '#services/transactions'

test.group('Transactions', () => {
  test('a transaction reads what others commit while it runs (READ COMMITTED: row locks, not snapshots, keep data right)', async ({
    assert,
  }) => {
    const key = `test.read-committed.${Date.now()}`
    const seen = await transaction(async (trx) => {
      // Under REPEATABLE READ this first read would fix the snapshot the second one reads.
      assert.isNull(await trx.from('settings').where('key', key).first())
      await db.table('settings').insert({ key, value: JSON.stringify(true), updated_at: new Date() })
      return trx.from('settings').where('key', key).first()
    })
    await db.from('settings').where('key', key).delete()
    assert.isNotNull(seen)
  })
})
