import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { StaffFactory } from '#database/factories/organisation'
import { resetState } from '#tests/helpers/database'
import { staffWithToken } from '#tests/helpers/auth'

test.group('Staff login', (group) => {
  group.each.setup(() => resetState())

  test('a staff member logs in with email and password and gets a token', async ({ client, assert }) => {
    const staff = await StaffFactory.merge({ email: 'ada@rapport.test' }).create()
    const response = await client.post('/api/v1/auth/login').json({ email: 'Ada@Rapport.test', password: 'Password#1' })

    response.assertStatus(200)
    assert.isString(response.body().token)
    assert.deepEqual(response.body().staff, { id: staff.id, name: staff.name, role: 'admin', store_id: null })

    const me = await client.get('/api/v1/auth/me').bearerToken(response.body().token)
    me.assertStatus(200)
    assert.equal(me.body().staff.email, 'ada@rapport.test')
  })

  test('a wrong password answers 401', async ({ client }) => {
    await StaffFactory.merge({ email: 'ada@rapport.test' }).create()
    const response = await client.post('/api/v1/auth/login').json({ email: 'ada@rapport.test', password: 'nope' })
    response.assertStatus(401)
    response.assertBodyContains({ errors: [{ code: 'invalid_credentials' }] })
  })

  test('the sixth attempt within a minute answers 429, even with the right password', async ({ client }) => {
    await StaffFactory.merge({ email: 'ada@rapport.test' }).create()
    for (let attempt = 1; attempt <= 5; attempt++) {
      const response = await client.post('/api/v1/auth/login').json({ email: 'ada@rapport.test', password: 'wrong' })
      response.assertStatus(401)
    }
    const sixth = await client.post('/api/v1/auth/login').json({ email: 'ada@rapport.test', password: 'Password#1' })
    sixth.assertStatus(429)
    sixth.assertBodyContains({ errors: [{ code: 'rate_limited' }] })
  })

  test('logout revokes the token', async ({ client }) => {
    const { token } = await staffWithToken('guide')
    ;(await client.post('/api/v1/auth/logout').bearerToken(token)).assertStatus(204)
    ;(await client.get('/api/v1/auth/me').bearerToken(token)).assertStatus(401)
  })

  test('a resigned staff member can neither log in nor use an old token', async ({ client }) => {
    const { staff, token } = await staffWithToken('guide')
    staff.status = 'resigned' as any
    await staff.save()
    ;(await client.get('/api/v1/auth/me').bearerToken(token)).assertStatus(401)
    const login = await client.post('/api/v1/auth/login').json({ email: staff.email, password: 'Password#1' })
    login.assertStatus(401)
  })

  test('malformed JSON answers 400 and invalid fields 422 naming each field', async ({ client, assert }) => {
    const bad = await client.post('/api/v1/auth/login').json('{"email":' as any)
    bad.assertStatus(400)
    bad.assertBodyContains({ errors: [{ code: 'invalid_json' }] })

    const invalid = await client.post('/api/v1/auth/login').json({ email: 'not-an-email' })
    invalid.assertStatus(422)
    const fields = invalid.body().errors.map((e: { field: string }) => e.field).sort()
    assert.deepEqual(fields, ['email', 'password'])
  })

  test('requests without a token answer 401', async ({ client }) => {
    ;(await client.get('/api/v1/staff')).assertStatus(401)
    ;(await client.get('/api/v1/auth/me').bearerToken('rps_forged.token')).assertStatus(401)
  })

  test('only a token that verifies marks its last use, and at most once a minute', async ({ client, assert }) => {
    const { staff, token } = await staffWithToken('hq')
    const lastUsed = async () => (await db.from('auth_access_tokens').where('tokenable_id', staff.id).firstOrFail()).last_used_at
    const me = (bearer: string) => client.get('/api/v1/auth/me').bearerToken(bearer)

    // The token's id with a made-up secret: refused, and nothing written.
    const [id] = token.split('.')
    ;(await me(`${id}.${Buffer.from('a made-up secret of forty characters....').toString('base64url')}`)).assertStatus(401)
    assert.isNull(await lastUsed())

    ;(await me(token)).assertStatus(200)
    assert.isNotNull(await lastUsed())
    const mark = async (msAgo: number) => {
      const at = new Date(Math.floor((Date.now() - msAgo) / 1000) * 1000)
      await db.from('auth_access_tokens').where('tokenable_id', staff.id).update({ last_used_at: at })
      return at
    }
    const halfAMinuteAgo = await mark(30_000)
    ;(await me(token)).assertStatus(200)
    assert.equal((await lastUsed()).getTime(), halfAMinuteAgo.getTime())
    const twoMinutesAgo = await mark(120_000)
    ;(await me(token)).assertStatus(200)
    assert.isAbove((await lastUsed()).getTime(), twoMinutesAgo.getTime() + 60_000)
  })
})
