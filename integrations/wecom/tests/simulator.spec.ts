import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { test } from '@japa/runner'
import { WecomCrypto } from '../src/crypto.js'
import { type Simulator, type SimulatorOptions, createSimulator, runScenario } from '../src/simulator/index.js'
import { type XmlObject, parseXml } from '../src/xml.js'

/*
 * The simulator is spoken to the way WeCom is: raw HTTP (fetch) to /cgi-bin/…, and callbacks
 * received by a small node:http server that checks the signature and decrypts them itself.
 */

const corpId = 'wwsimcorp00000001'
const secret = 'simulator-secret'
const callbackToken = 'SimToken42'
const encodingAesKey = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'
const receiverCrypto = new WecomCrypto({ token: callbackToken, encodingAesKey, receiveId: corpId })

interface Received {
  query: URLSearchParams
  body: string
  outer: XmlObject
  signatureOk: boolean
  plaintext: string
  fields: XmlObject
}

interface Receiver {
  url: string
  received: Received[]
  /** Statuses to answer, first come first served; 200 once empty. */
  answers: number[]
  close(): Promise<void>
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

async function startReceiver(): Promise<Receiver> {
  const received: Received[] = []
  const answers: number[] = []
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://receiver')
    const q = url.searchParams
    if (req.method === 'GET') {
      const echostr = q.get('echostr') ?? ''
      const ok = receiverCrypto.verify(q.get('msg_signature') ?? '', q.get('timestamp') ?? '', q.get('nonce') ?? '', echostr)
      res.statusCode = ok ? 200 : 401
      res.end(ok ? receiverCrypto.decrypt(echostr) : '')
      return
    }
    void readBody(req).then((body) => {
      const outer = parseXml(body)
      const encrypted = String(outer.Encrypt)
      const plaintext = receiverCrypto.decrypt(encrypted)
      received.push({
        query: q,
        body,
        outer,
        signatureOk: receiverCrypto.verify(q.get('msg_signature') ?? '', q.get('timestamp') ?? '', q.get('nonce') ?? '', encrypted),
        plaintext,
        fields: parseXml(plaintext),
      })
      res.statusCode = answers.shift() ?? 200
      res.end('')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/callback`,
    received,
    answers,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

type Json = Record<string, any>

/** A bare WeCom caller: gettoken once, then GET with query parameters or POST JSON. */
function wecom(sim: Simulator) {
  let accessToken: string | null = null
  const call = async (method: 'GET' | 'POST', path: string, query: Record<string, string>, body?: unknown): Promise<Json> => {
    const url = new URL(`/cgi-bin/${path}`, sim.url)
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value)
    const response = await fetch(url, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    })
    if (response.status !== 200) throw new Error(`HTTP ${response.status} from ${path}`)
    return (await response.json()) as Json
  }
  const token = async (): Promise<string> => {
    const answer = await call('GET', 'gettoken', { corpid: corpId, corpsecret: secret })
    if (answer.errcode !== 0) throw new Error(`gettoken: ${answer.errmsg}`)
    return answer.access_token as string
  }
  return {
    url: sim.url,
    call,
    token,
    refresh: async () => {
      accessToken = await token()
    },
    get: async (path: string, query: Record<string, string> = {}) =>
      call('GET', path, { ...query, access_token: (accessToken ??= await token()) }),
    post: async (path: string, body: unknown) => call('POST', path, { access_token: (accessToken ??= await token()) }, body),
  }
}

interface Harness {
  sim: Simulator
  receiver: Receiver
  api: ReturnType<typeof wecom>
  clock: { now: number }
}

async function harness(cleanup: (handler: () => Promise<void>) => void, options: Partial<SimulatorOptions> = {}): Promise<Harness> {
  const receiver = await startReceiver()
  const clock = { now: Date.UTC(2025, 0, 6, 10, 0, 0) }
  const sim = await createSimulator({
    port: 0,
    corpId,
    secret,
    callback: { url: receiver.url, token: callbackToken, encodingAesKey, retryDelayMs: 5, timeoutMs: 2000 },
    now: () => clock.now,
    ...options,
  })
  cleanup(async () => {
    await sim.close()
    await receiver.close()
  })
  sim.addStaff({ userid: 'guide.li', name: '李导购' })
  sim.addStaff({ userid: 'guide.wang', name: '王导购' })
  return { sim, receiver, api: wecom(sim), clock }
}

test.group('WeCom simulator: access tokens', () => {
  test('gettoken checks corpid and secret and answers the same token while it is valid', async ({ assert, cleanup }) => {
    const { sim, api } = await harness(cleanup)
    const wrongCorp = await api.call('GET', 'gettoken', { corpid: 'wwother', corpsecret: secret })
    assert.equal(wrongCorp.errcode, 40013)
    assert.match(wrongCorp.errmsg, /^invalid corpid, hint: \[.+\], from ip: .+, more info at https:\/\/open\.work\.weixin\.qq\.com\/devtool\/query\?e=40013$/)
    assert.equal((await api.call('GET', 'gettoken', { corpid: corpId, corpsecret: 'wrong' })).errcode, 40001)
    assert.equal((await api.call('GET', 'gettoken', { corpid: corpId })).errcode, 41004)

    const first = await api.call('GET', 'gettoken', { corpid: corpId, corpsecret: secret })
    assert.include(first, { errcode: 0, errmsg: 'ok', expires_in: 7200 })
    assert.isString(first.access_token)
    const second = await api.call('GET', 'gettoken', { corpid: corpId, corpsecret: secret })
    assert.equal(second.access_token, first.access_token)
    assert.equal(sim.state.tokensIssued, 2)
  })

  test('a missing, unknown or expired token is refused with 41001, 40014, 42001', async ({ assert, cleanup }) => {
    const { api, clock } = await harness(cleanup, { tokenTtlSeconds: 60 })
    assert.equal((await api.call('GET', 'externalcontact/get_follow_user_list', {})).errcode, 41001)
    assert.equal((await api.call('GET', 'externalcontact/get_follow_user_list', { access_token: 'nope' })).errcode, 40014)

    const answer = await api.get('externalcontact/get_follow_user_list')
    assert.deepEqual(answer, { errcode: 0, errmsg: 'ok', follow_user: ['guide.li', 'guide.wang'] })
    clock.now += 61_000
    assert.equal((await api.get('externalcontact/get_follow_user_list')).errcode, 42001)

    await api.refresh()
    assert.equal((await api.get('externalcontact/get_follow_user_list')).errcode, 0)
  })

  test('faults.expireTokens makes every issued token answer 42001; gettoken then issues a new one', async ({ assert, cleanup }) => {
    const { sim, api } = await harness(cleanup)
    const before = await api.token()
    await api.refresh()
    sim.faults.expireTokens()
    assert.equal((await api.get('externalcontact/get_follow_user_list')).errcode, 42001)
    const after = await api.token()
    assert.notEqual(after, before)
    await api.refresh()
    assert.equal((await api.get('externalcontact/get_follow_user_list')).errcode, 0)
  })
})

test.group('WeCom simulator: faults and protocol', () => {
  test('failNext answers the injected errcode for that path only, the given number of times', async ({ assert, cleanup }) => {
    const { sim, api } = await harness(cleanup)
    sim.faults.failNext('/cgi-bin/externalcontact/get_follow_user_list', 45009, 2)
    const first = await api.get('externalcontact/get_follow_user_list')
    assert.equal(first.errcode, 45009)
    assert.match(first.errmsg, /^api freq out of limit/)
    assert.equal((await api.post('externalcontact/get_corp_tag_list', {})).errcode, 0)
    assert.equal((await api.get('externalcontact/get_follow_user_list')).errcode, 45009)
    assert.equal((await api.get('externalcontact/get_follow_user_list')).errcode, 0)

    sim.faults.failNext('*', -1)
    assert.equal((await api.post('externalcontact/get_corp_tag_list', {})).errcode, -1)
    assert.equal((await api.post('externalcontact/get_corp_tag_list', {})).errcode, 0)
    assert.deepEqual(
      sim.state.requests.map((request) => request.errcode),
      [0, 45009, 0, 45009, 0, -1, 0]
    )
  })

  test('delay holds every answer back', async ({ assert, cleanup }) => {
    const { sim, api } = await harness(cleanup)
    await api.refresh()
    sim.faults.delay(150)
    const started = Date.now()
    await api.get('externalcontact/get_follow_user_list')
    assert.isAtLeast(Date.now() - started, 140)
  })

  test('GET paths take GET, the others POST JSON; a body that is not JSON is 47001', async ({ assert, cleanup }) => {
    const { api } = await harness(cleanup)
    const token = await api.token()
    assert.equal((await api.call('POST', 'externalcontact/get_follow_user_list', { access_token: token }, {})).errcode, 40058)
    assert.equal((await api.call('GET', 'externalcontact/groupchat/list', { access_token: token })).errcode, 40058)
    const response = await fetch(new URL(`/cgi-bin/externalcontact/groupchat/list?access_token=${token}`, api.url), {
      method: 'POST',
      body: '{not json',
    })
    assert.equal(((await response.json()) as Json).errcode, 47001)
  })

  test('list answers 84061 for a member without customers, get 40096 for an unknown contact', async ({ assert, cleanup }) => {
    const { api } = await harness(cleanup)
    assert.equal((await api.get('externalcontact/list', { userid: 'guide.li' })).errcode, 84061)
    assert.equal((await api.get('externalcontact/list', { userid: 'nobody' })).errcode, 60111)
    assert.equal((await api.get('externalcontact/get', { external_userid: 'wmUnknown' })).errcode, 40096)
  })
})

test.group('WeCom simulator: customers and callbacks', () => {
  test('a customer add sends exactly one encrypted, correctly signed callback with State and WelcomeCode', async ({ assert, cleanup }) => {
    const { sim, receiver, api } = await harness(cleanup)
    const added = await sim.customerAdds({ userid: 'guide.li', name: '张三', unionid: 'oUnion001', state: 'store-12' })

    assert.lengthOf(receiver.received, 1)
    const [callback] = receiver.received
    assert.isTrue(callback.signatureOk)
    assert.match(callback.query.get('timestamp') ?? '', /^\d{10}$/)
    assert.match(callback.query.get('nonce') ?? '', /^\d+$/)
    assert.deepEqual(Object.keys(callback.outer), ['ToUserName', 'AgentID', 'Encrypt'])
    assert.equal(callback.outer.ToUserName, corpId)
    assert.equal(callback.outer.AgentID, '1000002')
    assert.include(callback.fields, {
      ToUserName: corpId,
      FromUserName: 'sys',
      MsgType: 'event',
      Event: 'change_external_contact',
      ChangeType: 'add_external_contact',
      UserID: 'guide.li',
      ExternalUserID: added.external_userid,
      State: 'store-12',
      WelcomeCode: added.welcome_code,
    })
    assert.equal(added.delivery.status, 200)
    assert.isTrue(added.delivery.delivered)

    const detail = await api.get('externalcontact/get', { external_userid: added.external_userid })
    assert.equal(detail.errcode, 0)
    assert.include(detail.external_contact, { external_userid: added.external_userid, name: '张三', unionid: 'oUnion001', type: 1 })
    assert.lengthOf(detail.follow_user, 1)
    assert.include(detail.follow_user[0], { userid: 'guide.li', state: 'store-12', add_way: 1 })
    assert.equal(detail.next_cursor, '')
    assert.deepEqual((await api.get('externalcontact/list', { userid: 'guide.li' })).external_userid, [added.external_userid])
  })

  test('deletes and edits send del_follow_user, del_external_contact and edit_external_contact', async ({ assert, cleanup }) => {
    const { sim, receiver, api } = await harness(cleanup)
    const a = await sim.customerAdds({ userid: 'guide.li', name: 'A' })
    const b = await sim.customerAdds({ userid: 'guide.li', name: 'B' })
    await sim.staffEditsContact('guide.li', a.external_userid, { remark: 'VIP A', remark_mobiles: ['13800000001'] })
    await sim.customerDeletes('guide.li', a.external_userid)
    await sim.staffDeletes('guide.li', b.external_userid)
    assert.deepEqual(
      receiver.received.map(({ fields }) => [fields.ChangeType, fields.ExternalUserID]),
      [
        ['add_external_contact', a.external_userid],
        ['add_external_contact', b.external_userid],
        ['edit_external_contact', a.external_userid],
        ['del_follow_user', a.external_userid],
        ['del_external_contact', b.external_userid],
      ]
    )
    assert.isUndefined(receiver.received[4].fields.Source)
    assert.equal((await api.get('externalcontact/get', { external_userid: a.external_userid })).errcode, 84061)
  })

  test('changes made through the API send no callback', async ({ assert, cleanup }) => {
    const { sim, receiver, api } = await harness(cleanup)
    const added = await sim.customerAdds({ userid: 'guide.li', name: '张三' })
    const before = receiver.received.length

    const tags = await api.post('externalcontact/add_corp_tag', { group_name: '会员等级', tag: [{ name: '金卡' }, { name: '银卡' }] })
    assert.equal(tags.errcode, 0)
    const gold = tags.tag_group.tag[0].id as string
    assert.equal(
      (await api.post('externalcontact/mark_tag', { userid: 'guide.li', external_userid: added.external_userid, add_tag: [gold] })).errcode,
      0
    )
    assert.equal((await api.post('externalcontact/edit_corp_tag', { id: gold, name: '黑金卡' })).errcode, 0)
    const way = await api.post('externalcontact/add_contact_way', { type: 1, scene: 2, user: ['guide.li'], state: 'store-12' })
    assert.equal(way.errcode, 0)
    assert.match(way.qr_code, /\/__sim\/qr\//)
    assert.equal(
      (await api.post('externalcontact/transfer_customer', {
        handover_userid: 'guide.li',
        takeover_userid: 'guide.wang',
        external_userid: [added.external_userid],
      })).errcode,
      0
    )

    assert.lengthOf(receiver.received, before)
    assert.deepEqual(sim.state.markTagCalls.map((call) => call.add_tag), [[gold]])
    const detail = await api.get('externalcontact/get', { external_userid: added.external_userid })
    assert.deepEqual(detail.follow_user[0].tags, [{ group_name: '会员等级', tag_name: '黑金卡', tag_id: gold, type: 1 }])
  })

  test('a welcome code works once within the window: 41051 when used again or too late', async ({ assert, cleanup }) => {
    const { sim, api, clock } = await harness(cleanup)
    const first = await sim.customerAdds({ userid: 'guide.li', name: '张三' })
    const message = { welcome_code: first.welcome_code, text: { content: '欢迎光临！' } }
    assert.equal((await api.post('externalcontact/send_welcome_msg', message)).errcode, 0)
    assert.equal((await api.post('externalcontact/send_welcome_msg', message)).errcode, 41051)

    const late = await sim.customerAdds({ userid: 'guide.wang', name: '李四' })
    clock.now += 21_000
    const tooLate = await api.post('externalcontact/send_welcome_msg', { welcome_code: late.welcome_code, text: { content: 'hi' } })
    assert.equal(tooLate.errcode, 41051)

    assert.lengthOf(sim.state.welcomeMessages, 1)
    assert.include(sim.state.welcomeMessages[0], { external_userid: first.external_userid, userid: 'guide.li' })
    assert.deepEqual(sim.state.welcomeMessages[0].text, { content: '欢迎光临！' })
  })

  test('callbacks are retried when the receiver answers 500, the very same request each time', async ({ assert, cleanup }) => {
    const { sim, receiver } = await harness(cleanup)
    receiver.answers.push(500, 500)
    const added = await sim.customerAdds({ userid: 'guide.li', name: '张三' })
    assert.deepEqual(added.delivery.attempts.map((attempt) => attempt.status), [500, 500, 200])
    assert.lengthOf(receiver.received, 3)
    assert.equal(new Set(receiver.received.map((item) => `${item.query}|${item.body}`)).size, 1)

    receiver.answers.push(500, 500, 500, 500, 500)
    const refused = await sim.customerAdds({ userid: 'guide.li', name: '李四' })
    assert.lengthOf(refused.delivery.attempts, 4)
    assert.isFalse(refused.delivery.delivered)

    assert.equal(await added.delivery.replay(), 500)
    assert.equal(receiver.received.at(-1)?.body, receiver.received[0].body)
    assert.lengthOf(sim.state.callbacks, 2)
  })

  test('verifyCallbackUrl does WeCom\'s URL check against the receiver', async ({ assert, cleanup }) => {
    const { sim } = await harness(cleanup)
    const check = await sim.verifyCallbackUrl()
    assert.isTrue(check.ok)
    assert.equal(check.body, check.expected)
  })
})

test.group('WeCom simulator: bulk contacts', () => {
  test('10,000 seeded contacts page through batch/get_by_user completely', async ({ assert, cleanup }) => {
    const { sim, api, receiver } = await harness(cleanup)
    const userids = ['guide.li', 'guide.wang', 'guide.zhao']
    const seeded = sim.seedContacts(10_000, { userids })
    assert.lengthOf(receiver.received, 0)

    const seen: string[] = []
    let cursor = ''
    let pages = 0
    do {
      const page = await api.post('externalcontact/batch/get_by_user', { userid_list: userids, cursor, limit: 100 })
      assert.equal(page.errcode, 0)
      assert.isAtMost(page.external_contact_list.length, 100)
      for (const item of page.external_contact_list) {
        assert.equal(item.follow_info.userid, userids[(Number(item.external_contact.external_userid.slice(6)) - 1) % 3])
        seen.push(item.external_contact.external_userid)
      }
      cursor = page.next_cursor
      pages += 1
    } while (cursor !== '')
    assert.equal(pages, 100)
    assert.lengthOf(seen, 10_000)
    assert.sameMembers(seen, seeded)

    const bad = await api.post('externalcontact/batch/get_by_user', { userid_list: userids, cursor: 'bm9wZQ', limit: 100 })
    assert.equal(bad.errcode, 40058)
  })

  test('seeding is deterministic: the same ids, names and times on every run', async ({ assert, cleanup }) => {
    const one = await harness(cleanup)
    const two = await harness(cleanup)
    const first = one.sim.seedContacts(50, { userids: ['guide.li'] })
    const second = two.sim.seedContacts(50, { userids: ['guide.li'] })
    assert.deepEqual(first, second)
    assert.deepEqual(one.sim.state.contacts, two.sim.state.contacts)
    assert.deepEqual(one.sim.state.follows, two.sim.state.follows)
    const a = await one.sim.customerAdds({ userid: 'guide.li', name: 'x' })
    const b = await two.sim.customerAdds({ userid: 'guide.li', name: 'x' })
    assert.equal(a.external_userid, b.external_userid)
    assert.match(a.external_userid, /^wm[A-Za-z0-9]{30}$/)
  })
})

test.group('WeCom simulator: customer groups', () => {
  test('group changes carry the right ChangeType, UpdateDetail and MemChangeList', async ({ assert, cleanup }) => {
    const { sim, receiver, api } = await harness(cleanup)
    const c1 = await sim.customerAdds({ userid: 'guide.li', name: '客户一' })
    const c2 = await sim.customerAdds({ userid: 'guide.li', name: '客户二' })
    const c3 = await sim.customerAdds({ userid: 'guide.li', name: '客户三' })
    receiver.received.length = 0

    const { chat_id: chatId } = await sim.createGroup({ owner: 'guide.li', name: '会员福利群', members: [{ external_userid: c1.external_userid }] })
    const created = await api.post('externalcontact/groupchat/get', { chat_id: chatId, need_name: 1 })
    const versionAtCreate = created.group_chat.member_version as string

    await sim.joinGroup(chatId, [{ external_userid: c2.external_userid }, { external_userid: c3.external_userid }], 3)
    await sim.leaveGroup(chatId, [c1.external_userid], 1)
    await sim.renameGroup(chatId, '新品抢先看')
    await sim.dismissGroup(chatId)

    const [create, join, leave, rename, dismiss] = receiver.received.map((item) => item.fields)
    assert.include(create, { Event: 'change_external_chat', ChangeType: 'create', ChatId: chatId })
    assert.include(join, {
      ChangeType: 'update',
      UpdateDetail: 'add_member',
      JoinScene: '3',
      MemChangeCnt: '2',
      LastMemVer: versionAtCreate,
    })
    assert.deepEqual(join.MemChangeList, { Item: [c2.external_userid, c3.external_userid] })
    assert.include(leave, { UpdateDetail: 'del_member', QuitScene: '1', MemChangeCnt: '1', LastMemVer: join.CurMemVer })
    assert.deepEqual(leave.MemChangeList, { Item: c1.external_userid })
    assert.include(rename, { ChangeType: 'update', UpdateDetail: 'change_name' })
    assert.isUndefined(rename.MemChangeList)
    assert.include(dismiss, { ChangeType: 'dismiss', ChatId: chatId })
    assert.lengthOf(receiver.received, 5)
    assert.equal((await api.post('externalcontact/groupchat/get', { chat_id: chatId })).errcode, 40050)
  })

  test('groupchat/get answers the members as they are; groupchat/list pages with opaque cursors', async ({ assert, cleanup }) => {
    const { sim, api } = await harness(cleanup)
    const customer = await sim.customerAdds({ userid: 'guide.li', name: '客户一', unionid: 'oU1' })
    const { chat_id: chatId } = await sim.createGroup({
      owner: 'guide.li',
      name: '群',
      members: [{ external_userid: customer.external_userid }, { userid: 'guide.wang' }],
    })
    await sim.joinGroup(chatId, [{ name: '路人甲' }], 2)
    const detail = (await api.post('externalcontact/groupchat/get', { chat_id: chatId, need_name: 1 })).group_chat
    assert.include(detail, { chat_id: chatId, name: '群', owner: 'guide.li', notice: '' })
    assert.deepEqual(
      detail.member_list.map((member: Json) => [member.type, member.name, member.join_scene, member.invitor?.userid]),
      [
        [1, '李导购', 1, undefined],
        [2, '客户一', 1, 'guide.li'],
        [1, '王导购', 1, 'guide.li'],
        [2, '路人甲', 2, 'guide.li'],
      ]
    )
    assert.equal(detail.member_list[1].unionid, 'oU1')
    const noNames = (await api.post('externalcontact/groupchat/get', { chat_id: chatId })).group_chat
    assert.notProperty(noNames.member_list[0], 'name')

    for (let i = 0; i < 4; i++) await sim.createGroup({ owner: 'guide.wang', name: `群${i}`, members: [] })
    const chats: string[] = []
    let cursor = ''
    do {
      const page = await api.post('externalcontact/groupchat/list', { limit: 2, cursor })
      chats.push(...page.group_chat_list.map((item: Json) => item.chat_id))
      cursor = page.next_cursor
    } while (cursor)
    assert.lengthOf(chats, 5)
    const owned = await api.post('externalcontact/groupchat/list', { limit: 100, owner_filter: { userid_list: ['guide.li'] } })
    assert.deepEqual(owned.group_chat_list, [{ chat_id: chatId, status: 0 }])
    assert.equal((await api.post('externalcontact/groupchat/list', {})).errcode, 40058)
  })
})

test.group('WeCom simulator: mass messages and transfers', () => {
  test('confirming a mass message flips the task and the send results', async ({ assert, cleanup }) => {
    const { sim, api } = await harness(cleanup)
    const a = await sim.customerAdds({ userid: 'guide.li', name: 'A' })
    const b = await sim.customerAdds({ userid: 'guide.li', name: 'B' })
    const c = await sim.customerAdds({ userid: 'guide.li', name: 'C' })
    const created = await api.post('externalcontact/add_msg_template', {
      chat_type: 'single',
      external_userid: [a.external_userid, b.external_userid, c.external_userid, 'wmNotACustomer'],
      sender: 'guide.li',
      text: { content: '周末全场八折' },
    })
    assert.equal(created.errcode, 0)
    assert.deepEqual(created.fail_list, ['wmNotACustomer'])
    const msgid = created.msgid as string

    const before = await api.post('externalcontact/get_groupmsg_task', { msgid })
    assert.deepEqual(before.task_list, [{ userid: 'guide.li', status: 0 }])

    await sim.customerDeletes('guide.li', c.external_userid)
    assert.deepEqual(sim.confirmMassMessage(msgid, 'guide.li'), { sent: 2, failed: 1 })

    const after = await api.post('externalcontact/get_groupmsg_task', { msgid })
    assert.equal(after.task_list[0].status, 1)
    assert.isNumber(after.task_list[0].send_time)
    const results = await api.post('externalcontact/get_groupmsg_send_result', { msgid, userid: 'guide.li' })
    assert.deepEqual(
      results.send_list.map((item: Json) => [item.external_userid, item.status]),
      [
        [a.external_userid, 1],
        [b.external_userid, 1],
        [c.external_userid, 2],
      ]
    )
    assert.equal(results.next_cursor, '')
  })

  test('transfer_customer is waiting (2) in transfer_result until the transfer completes (1)', async ({ assert, cleanup }) => {
    const { sim, api, receiver } = await harness(cleanup)
    const a = await sim.customerAdds({ userid: 'guide.li', name: 'A' })
    const b = await sim.customerAdds({ userid: 'guide.li', name: 'B' })
    await api.post('externalcontact/mark_tag', {
      userid: 'guide.li',
      external_userid: a.external_userid,
      add_tag: [(await api.post('externalcontact/add_corp_tag', { group_name: 'g', tag: [{ name: 't' }] })).tag_group.tag[0].id],
    })
    const request = { handover_userid: 'guide.li', takeover_userid: 'guide.wang' }
    const transfer = await api.post('externalcontact/transfer_customer', {
      ...request,
      external_userid: [a.external_userid, b.external_userid, 'wmUnknown'],
    })
    assert.deepEqual(transfer.customer, [
      { external_userid: a.external_userid, errcode: 0 },
      { external_userid: b.external_userid, errcode: 0 },
      { external_userid: 'wmUnknown', errcode: 40096 },
    ])
    const waiting = await api.post('externalcontact/transfer_result', request)
    assert.deepEqual(
      waiting.customer.map((item: Json) => [item.external_userid, item.status]),
      [
        [a.external_userid, 2],
        [b.external_userid, 2],
      ]
    )
    receiver.received.length = 0

    const completed = await sim.completeTransfers({ refuse: [b.external_userid] })
    assert.deepEqual(completed, { done: [a.external_userid], failed: [b.external_userid], deliveries: completed.deliveries })
    const done = await api.post('externalcontact/transfer_result', request)
    assert.deepEqual(
      done.customer.map((item: Json) => [item.external_userid, item.status]),
      [
        [a.external_userid, 1],
        [b.external_userid, 3],
      ]
    )
    assert.isNumber(done.customer[0].takeover_time)
    assert.isUndefined(sim.state.follow('guide.li', a.external_userid))
    assert.lengthOf(sim.state.follow('guide.wang', a.external_userid)?.tag_ids ?? [], 1)
    assert.deepEqual(
      receiver.received.map(({ fields }) => [fields.ChangeType, fields.UserID, fields.Source ?? fields.FailReason]),
      [
        ['del_external_contact', 'guide.li', 'DELETE_BY_TRANSFER'],
        ['transfer_fail', 'guide.wang', 'customer_refused'],
      ]
    )
  })

  test('a resigned member\'s customers are unassigned until resigned/transfer_customer completes on its own', async ({ assert, cleanup }) => {
    const { sim, api } = await harness(cleanup, { resignedTransferDelayMs: 20 })
    const a = await sim.customerAdds({ userid: 'guide.li', name: 'A' })
    const { chat_id: chatId } = await sim.createGroup({ owner: 'guide.li', name: '群', members: [] })
    sim.staffResigns('guide.li')

    const unassigned = await api.post('externalcontact/get_unassigned_list', {})
    assert.deepEqual(unassigned.info.map((item: Json) => item.external_userid), [a.external_userid])
    assert.isTrue(unassigned.is_last)
    const onjob = await api.post('externalcontact/groupchat/onjob_transfer', { chat_id_list: [chatId], new_owner: 'guide.wang' })
    assert.deepEqual(onjob.failed_chat_list, [])
    const groups = await api.post('externalcontact/groupchat/transfer', { chat_id_list: [chatId], new_owner: 'guide.wang' })
    assert.deepEqual(groups.failed_chat_list, [
      { chat_id: chatId, errcode: 90500, errmsg: 'the owner of this chat is not resigned' },
    ])

    const request = { handover_userid: 'guide.li', takeover_userid: 'guide.wang' }
    await api.post('externalcontact/resigned/transfer_customer', { ...request, external_userid: [a.external_userid] })
    assert.equal((await api.post('externalcontact/resigned/transfer_result', request)).customer[0].status, 2)
    let status = 2
    for (const deadline = Date.now() + 2000; status === 2 && Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 10))
      status = (await api.post('externalcontact/resigned/transfer_result', request)).customer[0].status
    }
    assert.equal(status, 1)
    assert.lengthOf((await api.post('externalcontact/get_unassigned_list', {})).info, 0)
  })
})

test.group('WeCom simulator: archive and admin surface', () => {
  test('messages land in the archive feed, read by seq through msgaudit/sim_getchatdata', async ({ assert, cleanup }) => {
    const { sim, api } = await harness(cleanup)
    const customer = await sim.customerAdds({ userid: 'guide.li', name: 'A' })
    sim.customerWrites(customer.external_userid, 'guide.li', '你好')
    sim.staffWrites('guide.li', customer.external_userid, '您好！')
    const all = await api.post('msgaudit/sim_getchatdata', { seq: 0, limit: 10 })
    assert.deepEqual(
      all.chatdata.map((item: Json) => [item.seq, item.message.from, item.message.tolist, item.message.text.content]),
      [
        [1, customer.external_userid, ['guide.li'], '你好'],
        [2, 'guide.li', [customer.external_userid], '您好！'],
      ]
    )
    assert.lengthOf((await api.post('msgaudit/sim_getchatdata', { seq: 1, limit: 10 })).chatdata, 1)
  })

  test('/__sim/{method} runs an acting method from another process', async ({ assert, cleanup }) => {
    const { sim, receiver } = await harness(cleanup)
    const response = await fetch(`${sim.url}/__sim/customerAdds`, {
      method: 'POST',
      body: JSON.stringify({ userid: 'guide.wang', name: '远程客户', state: 'remote' }),
    })
    assert.equal(response.status, 200)
    const { result } = (await response.json()) as Json
    assert.equal(result.delivery.status, 200)
    assert.equal(receiver.received[0].fields.ExternalUserID, result.external_userid)
    assert.equal((await fetch(`${sim.url}/__sim/nothing`, { method: 'POST' })).status, 404)
    const summary = (await (await fetch(`${sim.url}/__sim/state`)).json()) as Json
    assert.include(summary, { contacts: 1, callbacks: 1 })
  })
})

test.group('WeCom simulator: scenario', () => {
  test('a scenario plays customers, chats and groups through signed callbacks; the same seed plays the same day', async ({
    assert,
    cleanup,
  }) => {
    const play = async () => {
      const { sim, api, receiver } = await harness(cleanup)
      await api.post('externalcontact/add_contact_way', { type: 1, scene: 2, user: ['guide.li'], state: 'store-12' })
      const actions: string[] = []
      const errors: unknown[] = []
      const stop = runScenario(sim, {
        staff: ['guide.li', 'guide.wang'],
        tickMs: 1,
        seed: 7,
        members: [{ unionid: 'oMember001', phone: '13800000001', name: '会员甲' }],
        onAction: (action) => actions.push(action),
        onError: (error) => errors.push(error),
      })
      while (actions.length < 60) await new Promise((resolve) => setTimeout(resolve, 5))
      await stop()
      return { sim, receiver, actions: actions.slice(0, 60), errors }
    }
    const one = await play()
    const two = await play()
    assert.deepEqual(one.actions, two.actions)
    assert.lengthOf(one.errors, 0)
    assert.isAbove(one.sim.state.contacts.length, 5)
    assert.isAbove(one.sim.state.archive.length, 0)
    assert.isTrue(one.receiver.received.every((item) => item.signatureOk))
    assert.isTrue(one.sim.state.follows.some((follow) => follow.state === 'store-12'))
    assert.isTrue(one.sim.state.contacts.some((contact) => contact.unionid === 'oMember001'))
  })
})
