import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { rebuildStatistics } from '#services/member_statistics'
import { resetState } from '#tests/helpers/database'
import { memberByPhone, pos, postOrder, sale } from '#tests/helpers/loyalty'

async function snapshot() {
  const members = await db
    .from('members')
    .orderBy('id')
    .select('id', 'lifetime_spend', 'order_count', 'first_purchase_at', 'last_purchase_at', 'favorite_category', 'favorite_sku', 'favorite_store_id', 'favorite_weekday', 'favorite_hour')
  const preferences = await db
    .from('member_preferences')
    .where('quantity', '>', 0)
    .orderBy(['member_id', 'dimension', 'value'])
    .select('member_id', 'dimension', 'value', 'quantity', 'amount')
  return { members, preferences }
}

test.group('Member statistics', (group) => {
  group.each.setup(() => resetState())

  test('kept current by each sale and return, equal to a rebuild from the orders', async ({ client, assert }) => {
    const till = await pos()
    const coffee = (qty: number) => ({ sku: 'LATTE-M', name: 'Latte', category: 'coffee', qty, unit_price: '28.00' })
    const cake = (qty: number) => ({ sku: 'CAKE', name: 'Cake', category: 'dessert', qty, unit_price: '32.00' })
    // Sunday 07:30 in Shanghai.
    const weekend = sale('116.00', { paid_at: '2026-11-21T23:30:00Z', items: [coffee(3), cake(1)] })
    await postOrder(client, till, weekend)
    await postOrder(client, till, sale('32.00', { store_code: 'BJ001', channel: 'mall', paid_at: '2026-11-18T06:00:00+08:00', items: [cake(1)] }))
    const refunded = sale('28.00', { paid_at: '2026-11-22T04:00:00Z', items: [coffee(1)] })
    await postOrder(client, till, refunded)
    await postOrder(client, till, { ...sale('28.00'), order_no: 'R-1', type: 'return', store_code: 'BJ001', original_order_no: refunded.order_no, items: [coffee(1)] })
    await postOrder(client, till, { ...sale('32.00'), order_no: 'R-2', type: 'return', original_order_no: weekend.order_no, items: [cake(1)] })

    const incremental = await snapshot()
    const row = incremental.members[0]
    assert.equal(row.id, (await memberByPhone()).id)
    assert.equal(row.order_count, 2)
    assert.equal(Number(row.lifetime_spend), 116 + 32 - 32)
    assert.equal(row.favorite_category, 'coffee')
    assert.equal(row.favorite_weekday, 7)
    assert.equal(row.favorite_hour, 7)
    assert.equal(new Date(row.last_purchase_at).toISOString(), '2026-11-21T23:30:00.000Z') // the refunded sale no longer counts

    await rebuildStatistics(db.connection())
    assert.deepEqual(await snapshot(), incremental)
  })
})
