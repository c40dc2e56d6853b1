import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import { Redis } from 'ioredis'
import { MemoryTokenStore, RedisTokenStore, type TokenStore } from '../src/token_store.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** What the client relies on from any store; run against each implementation below. */
function contract(name: string, makeStore: () => TokenStore) {
  test.group(`${name}: the TokenStore contract`, () => {
    test('a value set is read back until its ttl, and del forgets it', async ({ assert }) => {
      const store = makeStore()
      assert.isNull(await store.get('token:a'))
      await store.set('token:a', 'T1', 60)
      await store.set('token:b', 'T2', 1)
      assert.equal(await store.get('token:a'), 'T1')
      assert.equal(await store.get('token:b'), 'T2')

      await sleep(1_100)
      assert.isNull(await store.get('token:b'), 'expired after its ttl')
      assert.equal(await store.get('token:a'), 'T1')

      await store.del('token:a')
      assert.isNull(await store.get('token:a'))
    })

    test('a lock is held by one at a time, and free again once released', async ({ assert }) => {
      const store = makeStore()
      const [first, second] = await Promise.all([store.lock('token:x', 5_000), store.lock('token:x', 5_000)])
      assert.isTrue((first === null) !== (second === null), 'exactly one of two takers gets it')
      const release = (first ?? second)!
      assert.isNull(await store.lock('token:x', 5_000))
      assert.isNotNull(await store.lock('token:other', 5_000), 'locks are per key')

      await release()
      const again = await store.lock('token:x', 5_000)
      assert.isFunction(again)
      await again!()
    })

    test('a lock whose holder never releases it frees itself after ttlMs', async ({ assert }) => {
      const store = makeStore()
      assert.isNotNull(await store.lock('token:crashed', 100))
      assert.isNull(await store.lock('token:crashed', 100))
      await sleep(150)
      assert.isNotNull(await store.lock('token:crashed', 100))
    })

    test('a late release does not free the lock someone else took after it expired', async ({ assert }) => {
      const store = makeStore()
      const slowRelease = await store.lock('token:slow', 100)
      await sleep(150)
      const nextRelease = await store.lock('token:slow', 5_000)
      assert.isNotNull(nextRelease)

      await slowRelease!()
      assert.isNull(await store.lock('token:slow', 5_000), 'still held by the second taker')
      await nextRelease!()
    })
  })
}

contract('MemoryTokenStore', () => new MemoryTokenStore())

const prefix = `wecom-token-store-spec:${randomUUID()}:`
const redis = new Redis({ host: '127.0.0.1', port: 6379, db: 7, lazyConnect: true, maxRetriesPerRequest: 1 })

test.group('RedisTokenStore: keys and connection', (group) => {
  group.setup(async () => {
    await redis.connect()
  })

  test('keys live under the prefix: the value with its EX ttl, the lock beside it with a PX ttl', async ({ assert }) => {
    const store = new RedisTokenStore(redis, prefix)
    await store.set('token:corp:abc', 'TOKEN', 6_900)
    assert.equal(await redis.get(`${prefix}token:corp:abc`), 'TOKEN')
    const ttl = await redis.ttl(`${prefix}token:corp:abc`)
    assert.isAbove(ttl, 6_890)
    assert.isAtMost(ttl, 6_900)

    const release = await store.lock('token:corp:abc', 30_000)
    const lockTtl = await redis.pttl(`${prefix}lock:token:corp:abc`)
    assert.isAbove(lockTtl, 29_000)
    await release!()
    assert.equal(await redis.exists(`${prefix}lock:token:corp:abc`), 0)
  })

  test('the default prefix is wecom:', async ({ assert }) => {
    const store = new RedisTokenStore(redis)
    const key = `spec-default-prefix:${randomUUID()}`
    await store.set(key, 'v', 5)
    assert.equal(await redis.get(`wecom:${key}`), 'v')
    await store.del(key)
    assert.equal(await redis.exists(`wecom:${key}`), 0)
  })
})

contract('RedisTokenStore', () => new RedisTokenStore(redis, `${prefix}${randomUUID()}:`))

test.group('RedisTokenStore: cleanup', (group) => {
  group.teardown(async () => {
    const keys = await redis.keys(`${prefix}*`)
    if (keys.length > 0) await redis.del(...keys)
    redis.disconnect()
  })

  test('leaves nothing behind but keys that expire on their own', async ({ assert }) => {
    const keys = await redis.keys(`${prefix}*`)
    for (const key of keys) assert.isAbove(await redis.pttl(key), 0, `${key} has a ttl`)
  })
})
