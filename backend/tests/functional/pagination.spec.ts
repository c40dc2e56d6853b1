import { test } from '@japa/runner'
import { resetState } from '#tests/helpers/database'
import { staffWithToken } from '#tests/helpers/auth'

test.group('Lists', (group) => {
  group.each.setup(() => resetState())

  test('the total is the same on a full page, on the last page and past the end', async ({ client, assert }) => {
    const { token } = await staffWithToken('admin')
    for (let i = 0; i < 4; i++) await staffWithToken('hq')

    for (const [page, perPage, rows] of [[1, 5, 5], [1, 6, 5], [2, 3, 2], [3, 2, 1], [9, 2, 0]]) {
      const list = await client.get('/api/v1/staff').qs({ page, per_page: perPage }).bearerToken(token)
      list.assertStatus(200)
      assert.deepEqual(list.body().meta, { total: 5, page, per_page: perPage }, `page ${page} of ${perPage}`)
      assert.lengthOf(list.body().data, rows, `page ${page} of ${perPage}`)
    }
  })
})
