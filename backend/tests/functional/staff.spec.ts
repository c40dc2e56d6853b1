import { test } from '@japa/runner'
import AuditLog from '#models/audit_log'
import Staff from '#models/staff'
import { StoreFactory } from '#database/factories/organisation'
import { resetState } from '#tests/helpers/database'
import { staffWithToken } from '#tests/helpers/auth'

test.group('Staff administration', (group) => {
  group.each.setup(() => resetState())

  test('an admin creates a guide in a store, and the audit log records it with the email masked', async ({
    client,
    assert,
  }) => {
    const { staff: admin, token } = await staffWithToken('admin')
    const store = await StoreFactory.create()
    const response = await client.post('/api/v1/staff').bearerToken(token).json({
      name: 'Li Na',
      email: 'li.na@rapport.test',
      password: 'Guide#2026',
      role: 'guide',
      store_id: store.id,
      staff_no: 'G2001',
    })
    response.assertStatus(201)
    response.assertBodyContains({ name: 'Li Na', role: 'guide', store: { code: store.code }, status: 'active' })
    assert.notProperty(response.body(), 'password')

    const entry = await AuditLog.query().where('action', 'staff.create').firstOrFail()
    assert.equal(entry.actorId, admin.id)
    assert.equal(entry.subjectId, String(response.body().id))
    assert.equal(entry.changes.email.to, 'l***@rapport.test')
    assert.equal(entry.changes.role.to, 'guide')
    assert.isString(entry.ip)
  })

  test('a guide on an admin route gets 403, and nothing is written', async ({ client, assert }) => {
    const { token } = await staffWithToken('guide')
    ;(await client.get('/api/v1/staff').bearerToken(token)).assertStatus(403)
    ;(await client.get('/api/v1/integration-apps').bearerToken(token)).assertStatus(403)
    ;(await client.get('/api/v1/audit-logs').bearerToken(token)).assertStatus(403)
    ;(await client.get('/api/v1/admin/queues').bearerToken(token)).assertStatus(403)
    const create = await client.post('/api/v1/staff').bearerToken(token).json({
      name: 'X',
      email: 'x@rapport.test',
      password: 'Password#1',
      role: 'admin',
    })
    create.assertStatus(403)
    assert.isNull(await Staff.findBy('email', 'x@rapport.test'))
  })

  test('a store manager listing staff sees only their store, and not another store\'s staff by id', async ({
    client,
    assert,
  }) => {
    const mine = await StoreFactory.create()
    const other = await StoreFactory.create()
    const { staff: manager, token } = await staffWithToken('manager', { store: mine })
    const { staff: myGuide } = await staffWithToken('guide', { store: mine })
    const { staff: otherGuide } = await staffWithToken('guide', { store: other })
    await staffWithToken('hq')

    const list = await client.get('/api/v1/staff').bearerToken(token)
    list.assertStatus(200)
    const ids = list.body().data.map((s: { id: number }) => s.id).sort()
    assert.deepEqual(ids, [manager.id, myGuide.id].sort())
    assert.equal(list.body().meta.total, 2)

    ;(await client.get(`/api/v1/staff/${myGuide.id}`).bearerToken(token)).assertStatus(200)
    ;(await client.get(`/api/v1/staff/${otherGuide.id}`).bearerToken(token)).assertStatus(404)
    ;(await client.patch(`/api/v1/staff/${myGuide.id}`).bearerToken(token).json({ name: 'Renamed' })).assertStatus(403)
  })

  test('lists paginate with page and per_page (at most 100)', async ({ client, assert }) => {
    const { token } = await staffWithToken('admin')
    for (let i = 0; i < 4; i++) await staffWithToken('hq')

    const page = await client.get('/api/v1/staff').qs({ page: 2, per_page: 2 }).bearerToken(token)
    page.assertStatus(200)
    assert.deepEqual(page.body().meta, { total: 5, page: 2, per_page: 2 })
    assert.lengthOf(page.body().data, 2)

    const tooMany = await client.get('/api/v1/staff').qs({ per_page: 101 }).bearerToken(token)
    tooMany.assertStatus(422)
    tooMany.assertBodyContains({ errors: [{ field: 'per_page' }] })
  })

  test('invalid staff fields answer 422 naming each, a duplicate email 409, and nothing is written', async ({
    client,
    assert,
  }) => {
    const { staff: admin, token } = await staffWithToken('admin')
    const invalid = await client.post('/api/v1/staff').bearerToken(token).json({
      name: '',
      email: 'nope',
      password: 'short',
      role: 'owner',
    })
    invalid.assertStatus(422)
    const fields = invalid.body().errors.map((e: { field: string }) => e.field).sort()
    assert.deepEqual(fields, ['email', 'name', 'password', 'role'])

    const guideWithoutStore = await client.post('/api/v1/staff').bearerToken(token).json({
      name: 'No Store',
      email: 'nostore@rapport.test',
      password: 'Password#1',
      role: 'guide',
    })
    guideWithoutStore.assertStatus(422)
    guideWithoutStore.assertBodyContains({ errors: [{ field: 'store_id' }] })

    const duplicate = await client.post('/api/v1/staff').bearerToken(token).json({
      name: 'Again',
      email: admin.email.toUpperCase(),
      password: 'Password#1',
      role: 'hq_operator',
    })
    duplicate.assertStatus(409)
    duplicate.assertBodyContains({ errors: [{ field: 'email', code: 'email_taken' }] })

    assert.equal(await Staff.query().count('* as total').then((r) => Number(r[0].$extras.total)), 1)
    assert.equal(await AuditLog.query().count('* as total').then((r) => Number(r[0].$extras.total)), 0)
  })

  test('resigning a guide revokes their tokens at once', async ({ client }) => {
    const { token } = await staffWithToken('admin')
    const { staff: guide, token: guideToken } = await staffWithToken('guide')
    ;(await client.get('/api/v1/auth/me').bearerToken(guideToken)).assertStatus(200)

    const response = await client.patch(`/api/v1/staff/${guide.id}`).bearerToken(token).json({ status: 'resigned' })
    response.assertStatus(200)
    response.assertBodyContains({ status: 'resigned' })
    ;(await client.get('/api/v1/auth/me').bearerToken(guideToken)).assertStatus(401)
  })

  test('an unknown staff id answers 404, a non-numeric one too', async ({ client }) => {
    const { token } = await staffWithToken('admin')
    ;(await client.get('/api/v1/staff/999999').bearerToken(token)).assertStatus(404)
    ;(await client.get('/api/v1/staff/abc').bearerToken(token)).assertStatus(404)
  })
})
