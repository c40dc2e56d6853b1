import { test } from '@japa/runner'
import Store from '#models/store'
import Product from '#models/product'
import AuditLog from '#models/audit_log'
import { resetState } from '#tests/helpers/database'
import { staffWithToken } from '#tests/helpers/auth'
import { integrationApp, signedPut } from '#tests/helpers/integrations'
import { IntegrationScope } from '#enums/integration'

const STORES = [
  { code: 'SH001', name: 'Jing\'an', region: 'EAST', city: 'Shanghai' },
  { code: 'HZ001', name: 'West Lake', region: 'EAST', city: 'Hangzhou' },
]

async function storeCount() {
  return Number((await Store.query().count('* as total'))[0].$extras.total)
}

test.group('Signed integration webhooks', (group) => {
  group.each.setup(() => resetState())

  test('a correctly signed call upserts stores, and a second call updates them', async ({ client, assert }) => {
    const pos = await integrationApp()
    const first = await signedPut(client, '/api/v1/integrations/stores', pos, STORES)
    first.assertStatus(200)
    first.assertBody({ created: 2, updated: 0, unchanged: 0 })

    const second = await signedPut(client, '/api/v1/integrations/stores', pos, [
      { code: 'SH001', name: 'Jing\'an Flagship' },
      STORES[1],
    ])
    second.assertBody({ created: 0, updated: 1, unchanged: 1 })

    const store = await Store.query().where('code', 'SH001').preload('region').firstOrFail()
    assert.equal(store.name, 'Jing\'an Flagship')
    assert.equal(store.region.code, 'EAST')
    const audit = await AuditLog.query().where('actor_type', 'integration').count('* as total')
    assert.equal(Number(audit[0].$extras.total), 3)
  })

  test('a wrong signature, a stale timestamp or an unknown key answer 401 and write nothing', async ({
    client,
    assert,
  }) => {
    const pos = await integrationApp()
    const wrongSecret = await signedPut(client, '/api/v1/integrations/stores', { ...pos, secret: 'guess' }, STORES)
    wrongSecret.assertStatus(401)
    wrongSecret.assertBodyContains({ errors: [{ code: 'invalid_signature' }] })

    const stale = await signedPut(client, '/api/v1/integrations/stores', pos, STORES, { nowMs: Date.now() - 301_000 })
    stale.assertStatus(401)
    stale.assertBodyContains({ errors: [{ code: 'stale_timestamp' }] })

    const future = await signedPut(client, '/api/v1/integrations/stores', pos, STORES, { nowMs: Date.now() + 400_000 })
    future.assertStatus(401)

    const unknown = await signedPut(client, '/api/v1/integrations/stores', { ...pos, keyId: 'rk_unknown' }, STORES)
    unknown.assertStatus(401)

    const unsigned = await client.put('/api/v1/integrations/stores').json(STORES)
    unsigned.assertStatus(401)

    assert.equal(await storeCount(), 0)
  })

  test('a body changed after signing is refused', async ({ client, assert }) => {
    const pos = await integrationApp()
    const raw = JSON.stringify(STORES)
    const { signedHeaders } = await import('@rapport/pos')
    const headers = signedHeaders(pos.keyId, pos.secret, raw)
    const tampered = await client
      .put('/api/v1/integrations/stores')
      .headers(headers)
      .json(raw.replace('SH001', 'SH999') as any)
    tampered.assertStatus(401)
    assert.equal(await storeCount(), 0)
  })

  test('a timestamp inside the 300 s window is accepted (the exact edge is in the signature unit spec)', async ({ client }) => {
    const pos = await integrationApp()
    const response = await signedPut(client, '/api/v1/integrations/stores', pos, STORES, {
      nowMs: Math.floor(Date.now() / 1000) * 1000 - 299_000,
    })
    response.assertStatus(200)
  })

  test('a key without the scope answers 403 and writes nothing; a revoked key 401', async ({ client, assert }) => {
    const eventsOnly = await integrationApp([IntegrationScope.Events])
    const forbidden = await signedPut(client, '/api/v1/integrations/stores', eventsOnly, STORES)
    forbidden.assertStatus(403)
    forbidden.assertBodyContains({ errors: [{ code: 'missing_scope' }] })

    const pos = await integrationApp()
    const { token } = await staffWithToken('admin')
    ;(await client.post(`/api/v1/integration-apps/${pos.app.id}/revoke`).bearerToken(token)).assertStatus(200)
    ;(await signedPut(client, '/api/v1/integrations/stores', pos, STORES)).assertStatus(401)
    assert.equal(await storeCount(), 0)
  })

  test('an oversized body answers 413 before the signature is even looked at', async ({ client }) => {
    const huge = [{ code: 'S1', name: 'x'.repeat(1_100_000) }]
    const response = await client
      .put('/api/v1/integrations/stores')
      .headers({ 'X-Rapport-Key': 'rk_unknown', 'X-Rapport-Timestamp': '1', 'X-Rapport-Signature': 'sha256=00' })
      .json(huge)
    response.assertStatus(413)
  })

  test('an invalid batch answers 422 naming the row and field, and writes nothing', async ({ client, assert }) => {
    const pos = await integrationApp()
    const response = await signedPut(client, '/api/v1/integrations/stores', pos, [STORES[0], { code: 'bad code!', name: '' }])
    response.assertStatus(422)
    const fields = response.body().errors.map((e: { field: string }) => e.field).sort()
    assert.deepEqual(fields, ['1.code', '1.name'])
    assert.equal(await storeCount(), 0)
  })

  test('products upsert by SKU; money must be a decimal string', async ({ client, assert }) => {
    const pos = await integrationApp()
    const created = await signedPut(client, '/api/v1/integrations/products', pos, [
      { sku: 'LATTE-M', name: 'Latte M', category: 'coffee', price: '28.00', cost: '9.50' },
      { sku: 'CROISSANT', name: 'Croissant', category: 'bakery', price: '16' },
    ])
    created.assertStatus(200)
    created.assertBody({ created: 2, updated: 0 })

    const updated = await signedPut(client, '/api/v1/integrations/products', pos, [
      { sku: 'LATTE-M', name: 'Latte Medium', category: 'coffee', price: '29.00' },
    ])
    updated.assertBody({ created: 0, updated: 1 })
    const latte = await Product.findByOrFail('sku', 'LATTE-M')
    assert.equal(latte.name, 'Latte Medium')
    assert.equal(latte.price, '29.00')

    const numeric = await signedPut(client, '/api/v1/integrations/products', pos, [
      { sku: 'X', name: 'X', category: 'c', price: 12.5 },
    ])
    numeric.assertStatus(422)
    numeric.assertBodyContains({ errors: [{ field: '0.price' }] })
  })
})

test.group('Integration apps (admin)', (group) => {
  group.each.setup(() => resetState())

  test('an admin creates an app and sees its secret once', async ({ client, assert }) => {
    const { token } = await staffWithToken('admin')
    const created = await client
      .post('/api/v1/integration-apps')
      .bearerToken(token)
      .json({ name: 'Mall', scopes: ['orders', 'events'] })
    created.assertStatus(201)
    assert.match(created.body().secret, /^rs_/)
    assert.match(created.body().key_id, /^rk_/)

    const list = await client.get('/api/v1/integration-apps').bearerToken(token)
    assert.equal(list.body().data[0].key_id, created.body().key_id)
    assert.notProperty(list.body().data[0], 'secret')

    const audit = await AuditLog.findByOrFail('action', 'integration_app.create')
    assert.equal(audit.changes.secret.to, '***')
  })

  test('unknown scopes are refused with 422', async ({ client }) => {
    const { token } = await staffWithToken('admin')
    const response = await client.post('/api/v1/integration-apps').bearerToken(token).json({ name: 'X', scopes: ['root'] })
    response.assertStatus(422)
    response.assertBodyContains({ errors: [{ field: 'scopes.0' }] })
  })
})
