import { createHash, randomUUID } from 'node:crypto'
import { createServer } from 'node:net'
import { test } from '@japa/runner'
import { Redis } from 'ioredis'
import { SimulatorArchive } from '../src/archive.js'
import { WecomClient, type WecomClientOptions } from '../src/client.js'
import { WecomApiError, WecomUnavailableError } from '../src/errors.js'
import { createSimulator, type Simulator } from '../src/simulator/index.js'
import { MemoryTokenStore, RedisTokenStore, type TokenStore } from '../src/token_store.js'

const corpId = 'wwclientspec0001'
const secret = 'client-spec-secret'

const GETTOKEN = '/cgi-bin/gettoken'
const FOLLOW_USERS = '/cgi-bin/externalcontact/get_follow_user_list'
const LIST = '/cgi-bin/externalcontact/list'
const BATCH = '/cgi-bin/externalcontact/batch/get_by_user'

/** Wraps the global fetch to count the requests a client makes, by path. */
function countingFetch() {
  const paths: string[] = []
  const counted: typeof fetch = (input, init) => {
    const url = input instanceof Request ? input.url : input.toString()
    paths.push(new URL(url).pathname)
    return fetch(input, init)
  }
  return { fetch: counted, count: (path: string) => paths.filter((seen) => seen === path).length }
}

/** A TCP port nobody listens on: WeCom unreachable. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (!address || typeof address === 'string') throw new Error('no port')
  return address.port
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected the call to fail')
}

test.group('WecomClient against the simulator', (group) => {
  let sim: Simulator
  let counter: ReturnType<typeof countingFetch>

  function client(overrides: Partial<WecomClientOptions> = {}): WecomClient {
    return new WecomClient({
      apiBase: sim.url,
      corpId,
      secret,
      store: new MemoryTokenStore(),
      retry: { attempts: 4, baseDelayMs: 20 },
      timeoutMs: 2_000,
      fetch: counter.fetch,
      ...overrides,
    })
  }

  group.each.setup(async () => {
    sim = await createSimulator({ port: 0, corpId, secret })
    counter = countingFetch()
    return () => sim.close()
  })

  test('two clients over one token store fetch the access token once, even when they start together', async ({
    assert,
  }) => {
    await sim.addStaff({ userid: 'guide01', name: 'Guide One' })
    const store = new MemoryTokenStore()
    const first = client({ store })
    const second = client({ store })

    const answers = await Promise.all([first.getFollowUserList(), second.getFollowUserList(), first.listContacts('guide01')])
    assert.include(answers[0], 'guide01')
    assert.deepEqual(answers[0], answers[1])
    await second.listContacts('guide01')
    assert.equal(counter.count(GETTOKEN), 1)

    // a client with its own store has to fetch its own token: the counter does count
    await client().getFollowUserList()
    assert.equal(counter.count(GETTOKEN), 2)
  })

  test('a token that expires while in use is replaced and the call retried once, transparently', async ({ assert }) => {
    await sim.addStaff({ userid: 'guide01', name: 'Guide One' })
    const { external_userid } = await sim.customerAdds({ userid: 'guide01', name: 'Ada' })
    const wecom = client()
    assert.deepEqual(await wecom.listContacts('guide01'), [external_userid])

    sim.faults.expireTokens()
    assert.deepEqual(await wecom.listContacts('guide01'), [external_userid])
    assert.equal(counter.count(GETTOKEN), 2)
    assert.equal(counter.count(LIST), 3, 'the first call, the refused one and its retry')

    // the new token is cached: no further gettoken
    await wecom.getFollowUserList()
    assert.equal(counter.count(GETTOKEN), 2)
  })

  test('a token refused again after the refresh is an error, not a loop', async ({ assert }) => {
    const wecom = client()
    await wecom.getFollowUserList()
    sim.faults.failNext(FOLLOW_USERS, 42001, 5)

    const error = await rejection(wecom.getFollowUserList())
    assert.instanceOf(error, WecomApiError)
    assert.equal((error as WecomApiError).errcode, 42001)
    assert.equal(counter.count(FOLLOW_USERS), 3, 'the first call, then one refused call and one refused retry')
  })

  test('rate limited twice (45009), the call backs off and then succeeds', async ({ assert }) => {
    await sim.addStaff({ userid: 'guide01', name: 'Guide One' })
    const wecom = client({ retry: { attempts: 4, baseDelayMs: 60 } })
    await wecom.getFollowUserList()
    sim.faults.failNext(LIST, 45009, 2)

    const started = Date.now()
    assert.deepEqual(await wecom.listContacts('guide01'), [])
    const elapsed = Date.now() - started
    assert.equal(counter.count(LIST), 3)
    // the two waits are at least half of 60 ms and 120 ms (the jitter takes at most half)
    assert.isAtLeast(elapsed, 90)
  })

  test('a busy WeCom (-1) on every attempt ends in WecomUnavailableError after retry.attempts', async ({ assert }) => {
    const wecom = client({ retry: { attempts: 3, baseDelayMs: 5 } })
    await wecom.getFollowUserList()
    sim.faults.failNext(FOLLOW_USERS, -1, 10)

    const error = await rejection(wecom.getFollowUserList())
    assert.instanceOf(error, WecomUnavailableError)
    assert.equal((error as WecomUnavailableError).path, FOLLOW_USERS)
    assert.instanceOf((error as Error).cause, WecomApiError)
    assert.equal(((error as Error).cause as WecomApiError).errcode, -1)
    assert.equal(counter.count(FOLLOW_USERS), 1 + 3)
  })

  test('an errcode that retrying cannot fix is a WecomApiError carrying it, asked once', async ({ assert }) => {
    const wecom = client()
    await wecom.getFollowUserList()
    sim.faults.failNext(BATCH, 40058)

    const error = await rejection(wecom.batchGetByUser({ userid_list: ['guide01'] }))
    assert.instanceOf(error, WecomApiError)
    assert.equal((error as WecomApiError).errcode, 40058)
    assert.equal((error as WecomApiError).path, BATCH)
    assert.equal(counter.count(BATCH), 1)
  })

  test('a wrong secret is WeCom\'s 40001 from gettoken, asked once, and the secret is not in the message', async ({
    assert,
  }) => {
    const wrongSecret = 'not-the-secret-at-all'
    const error = await rejection(client({ secret: wrongSecret }).getFollowUserList())
    assert.instanceOf(error, WecomApiError)
    assert.equal((error as WecomApiError).errcode, 40001)
    assert.equal((error as WecomApiError).path, GETTOKEN)
    assert.notInclude((error as Error).message, wrongSecret)
    assert.equal(counter.count(GETTOKEN), 1)
    assert.equal(counter.count(FOLLOW_USERS), 0)
  })

  test('an unreachable WeCom is WecomUnavailableError after retry.attempts tries', async ({ assert }) => {
    const wecom = client({ apiBase: `http://127.0.0.1:${await closedPort()}`, retry: { attempts: 3, baseDelayMs: 5 } })
    const error = await rejection(wecom.getFollowUserList())
    assert.instanceOf(error, WecomUnavailableError)
    assert.equal(counter.count(GETTOKEN), 3)
  })

  test('a WeCom slower than timeoutMs is abandoned and retried; once it answers in time the call works', async ({
    assert,
  }) => {
    const wecom = client({ timeoutMs: 150, retry: { attempts: 2, baseDelayMs: 5 } })
    await wecom.getFollowUserList()
    sim.faults.delay(400)
    const error = await rejection(wecom.getFollowUserList())
    assert.instanceOf(error, WecomUnavailableError)
    assert.equal(counter.count(FOLLOW_USERS), 1 + 2)

    sim.faults.delay(0)
    assert.isArray(await wecom.getFollowUserList())
  })

  test('a staff member without customers has an empty list (WeCom answers 84061 for that)', async ({ assert }) => {
    await sim.addStaff({ userid: 'newcomer', name: 'New' })
    const wecom = client()
    assert.deepEqual(await wecom.listContacts('newcomer'), [])
    sim.faults.failNext(LIST, 84061)
    assert.deepEqual(await wecom.listContacts('newcomer'), [])
  })

  test('batchGetByUser pages with cursors: 250 customers at limit 100 come in 3 pages, each once', async ({ assert }) => {
    await sim.addStaff({ userid: 'guide01', name: 'Guide One' })
    await sim.seedContacts(250, { userids: ['guide01'] })
    const wecom = client()

    const seen: string[] = []
    const pageSizes: number[] = []
    let cursor: string | undefined
    do {
      const page = await wecom.batchGetByUser({ userid_list: ['guide01'], cursor, limit: 100 })
      pageSizes.push(page.external_contact_list.length)
      for (const entry of page.external_contact_list) {
        assert.equal(entry.follow_info.userid, 'guide01')
        seen.push(entry.external_contact.external_userid)
      }
      cursor = page.next_cursor || undefined
    } while (cursor && pageSizes.length < 10)

    assert.deepEqual(pageSizes, [100, 100, 50])
    assert.lengthOf(seen, 250)
    assert.equal(new Set(seen).size, 250)
    assert.equal(counter.count(BATCH), 3)
  })

  test('getContact answers the customer and the staff members who follow them', async ({ assert }) => {
    await sim.addStaff({ userid: 'guide01', name: 'Guide One' })
    const { external_userid } = await sim.customerAdds({ userid: 'guide01', name: 'Ada', state: 'cc_1' })
    const detail = await client().getContact(external_userid)
    assert.equal(detail.external_contact.external_userid, external_userid)
    assert.equal(detail.external_contact.name, 'Ada')
    assert.deepEqual(
      detail.follow_user.map((follow) => [follow.userid, follow.state]),
      [['guide01', 'cc_1']]
    )
  })

  test('the session archive feed comes in seq order, after the seq asked for', async ({ assert }) => {
    await sim.addStaff({ userid: 'guide01', name: 'Guide One' })
    const { external_userid } = await sim.customerAdds({ userid: 'guide01', name: 'Ada' })
    await sim.customerWrites(external_userid, 'guide01', 'Hello, is the coat in stock?')
    await sim.staffWrites('guide01', external_userid, 'Yes, in M and L.')
    await sim.customerWrites(external_userid, 'guide01', 'M please')

    const archive = new SimulatorArchive(client())
    const firstTwo = await archive.fetch(0, 2)
    assert.deepEqual(
      firstTwo.map((message) => [message.from, message.text?.content]),
      [
        [external_userid, 'Hello, is the coat in stock?'],
        ['guide01', 'Yes, in M and L.'],
      ]
    )
    assert.isBelow(firstTwo[0]!.seq, firstTwo[1]!.seq)
    assert.deepEqual(firstTwo[1]!.tolist, [external_userid])

    const rest = await archive.fetch(firstTwo[1]!.seq, 10)
    assert.deepEqual(
      rest.map((message) => message.text?.content),
      ['M please']
    )
    assert.deepEqual(await archive.fetch(rest[0]!.seq, 10), [])
  })
})

test.group('WecomClient with RedisTokenStore (one token for every process)', (group) => {
  const prefix = `wecom-client-spec:${randomUUID()}:`
  let sim: Simulator
  let redisA: Redis
  let redisB: Redis

  group.setup(async () => {
    sim = await createSimulator({ port: 0, corpId, secret })
    // two connections, as two processes would have
    redisA = new Redis({ host: '127.0.0.1', port: 6379, db: 7, lazyConnect: true, maxRetriesPerRequest: 1 })
    redisB = new Redis({ host: '127.0.0.1', port: 6379, db: 7, lazyConnect: true, maxRetriesPerRequest: 1 })
    await Promise.all([redisA.connect(), redisB.connect()])
    return async () => {
      const keys = await redisA.keys(`${prefix}*`)
      if (keys.length > 0) await redisA.del(...keys)
      redisA.disconnect()
      redisB.disconnect()
      await sim.close()
    }
  })

  test('clients over two Redis connections fetch one token, cached under corp and secret hash for less than its life', async ({
    assert,
  }) => {
    const counter = countingFetch()
    const make = (redis: Redis): WecomClient => {
      const store: TokenStore = new RedisTokenStore(redis, prefix)
      return new WecomClient({ apiBase: sim.url, corpId, secret, store, fetch: counter.fetch })
    }
    const [a, b] = [make(redisA), make(redisB)]
    await Promise.all([a.getFollowUserList(), b.getFollowUserList(), a.getFollowUserList(), b.getFollowUserList()])
    assert.equal(counter.count(GETTOKEN), 1)

    const key = `${prefix}token:${corpId}:${createHash('sha1').update(secret).digest('hex').slice(0, 12)}`
    assert.isString(await redisA.get(key))
    const ttl = await redisA.ttl(key)
    assert.isAbove(ttl, 7200 - 300 - 60)
    assert.isAtMost(ttl, 7200 - 300)
    assert.deepEqual(await redisA.keys(`${prefix}lock:*`), [], 'the lock is released')
  })
})
