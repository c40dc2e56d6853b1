import { test } from '@japa/runner'
import Store from '#models/store'
import { RegionFactory, StoreFactory } from '#database/factories/organisation'
import { resetState } from '#tests/helpers/database'
import { staffWithToken } from '#tests/helpers/auth'

test.group('Stores and regions', (group) => {
  group.each.setup(() => resetState())

  test('an admin creates a region and a store in it, then edits the store', async ({ client }) => {
    const { token } = await staffWithToken('admin')
    const region = await client.post('/api/v1/regions').bearerToken(token).json({ code: 'EAST', name: 'East China' })
    region.assertStatus(201)

    const created = await client
      .post('/api/v1/stores')
      .bearerToken(token)
      .json({ code: 'SH001', name: 'Shanghai Jing\'an', city: 'Shanghai', region_id: region.body().id })
    created.assertStatus(201)
    created.assertBodyContains({ code: 'SH001', region: { code: 'EAST' }, status: 'open', staff_count: 0 })

    const edited = await client
      .patch(`/api/v1/stores/${created.body().id}`)
      .bearerToken(token)
      .json({ status: 'closed', city: null })
    edited.assertStatus(200)
    edited.assertBodyContains({ status: 'closed', city: null })

    const again = await client.post('/api/v1/stores').bearerToken(token).json({ code: 'SH001', name: 'Dup' })
    again.assertStatus(409)
    again.assertBodyContains({ errors: [{ field: 'code' }] })
  })

  test('a store manager sees only their own store, and may not create one', async ({ client, assert }) => {
    const region = await RegionFactory.create()
    const mine = await StoreFactory.merge({ regionId: region.id }).create()
    await StoreFactory.createMany(3)
    const { token } = await staffWithToken('manager', { store: mine })

    const list = await client.get('/api/v1/stores').bearerToken(token)
    list.assertStatus(200)
    assert.deepEqual(
      list.body().data.map((s: { code: string }) => s.code),
      [mine.code]
    )
    assert.equal(list.body().data[0].staff_count, 1)

    const create = await client.post('/api/v1/stores').bearerToken(token).json({ code: 'X1', name: 'X' })
    create.assertStatus(403)
    assert.isNull(await Store.findBy('code', 'X1'))
  })

  test('an unknown region is a 422 naming region_id', async ({ client }) => {
    const { token } = await staffWithToken('admin')
    const response = await client.post('/api/v1/stores').bearerToken(token).json({ code: 'S1', name: 'S', region_id: 4242 })
    response.assertStatus(422)
    response.assertBodyContains({ errors: [{ field: 'region_id' }] })
  })
})
