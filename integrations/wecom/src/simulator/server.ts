/*
 * WeCom's HTTP API as node:http: the same paths under /cgi-bin/, GET with query parameters for
 * gettoken, get_follow_user_list, list and get, POST JSON for the rest, every answer HTTP 200 with
 * {errcode, errmsg, ...} and WeCom's errcodes. Everything a test needs to break on purpose (the
 * next answer of a path, a delay, expired tokens) goes through Faults. /__sim/* is the
 * simulator's own admin surface, not WeCom's.
 */
import { createHash, randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import {
  type ArchiveEntry,
  type ContactWay,
  type ExternalContact,
  type Follow,
  type GroupChat,
  type MassMessage,
  type MassSendResult,
  type SimulatorState,
  type TagGroup,
  type Transfer,
  type TransferKind,
  ERRMSG,
  WecomError,
  paginate,
} from './state.js'

type Input = Record<string, unknown>
type Answer = Record<string, unknown>

interface Route {
  method: 'GET' | 'POST'
  /** gettoken is the only call without an access_token. */
  open?: boolean
  handle(input: Input): Answer
}

export interface RequestLogEntry {
  method: string
  path: string
  errcode: number
  at: number
}

/** Strips what callers may put around a path: a leading slash, cgi-bin/, a query string. */
export function normalizePath(path: string): string {
  return path.split('?')[0].replace(/^\/+/, '').replace(/^cgi-bin\//, '')
}

export class Faults {
  #failures: { path: string; errcode: number; remaining: number }[] = []
  #delayMs = 0

  constructor(private readonly state: SimulatorState) {}

  /** The next `times` calls of `path` ('*' for any, gettoken included) answer `errcode`. */
  failNext(path: string, errcode: number, times = 1): void {
    this.#failures.push({ path: path === '*' ? '*' : normalizePath(path), errcode, remaining: times })
  }

  /** Every answer waits this long (0 to stop). */
  delay(ms: number): void {
    this.#delayMs = Math.max(0, ms)
  }

  /** Every token issued so far answers 42001 from now on. */
  expireTokens(): void {
    this.state.expireTokens()
  }

  reset(): void {
    this.#failures = []
    this.#delayMs = 0
  }

  get delayMs(): number {
    return this.#delayMs
  }

  take(path: string): number | null {
    const index = this.#failures.findIndex((failure) => failure.path === '*' || failure.path === path)
    if (index < 0) return null
    const failure = this.#failures[index]
    failure.remaining -= 1
    if (failure.remaining <= 0) this.#failures.splice(index, 1)
    return failure.errcode
  }
}

export interface ServerContext {
  state: SimulatorState
  faults: Faults
  requests: RequestLogEntry[]
  /** The simulator's own base URL, for the QR code links it hands out. */
  baseUrl(): string
  /** /__sim/{name}: runs an acting method with the JSON body as arguments. */
  act(name: string, args: unknown[]): Promise<unknown>
  /** GET /__sim/state[/{view}]. */
  view(name: string | null): unknown
  /** transfer_customer or resigned/transfer_customer recorded waiting transfers. */
  onTransfersRequested(kind: TransferKind): void
}

const REQUEST_LOG_LIMIT = 10_000
let hintCounter = 0

export function createRequestListener(context: ServerContext): (req: IncomingMessage, res: ServerResponse) => void {
  const routes = createRoutes(context)
  return (req, res) => {
    handle(context, routes, req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, { errcode: -1, errmsg: `system busy (${String(error)})` })
      else res.end()
    })
  }
}

async function handle(
  context: ServerContext,
  routes: Record<string, Route>,
  req: IncomingMessage,
  res: ServerResponse
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://simulator')
  const method = req.method ?? 'GET'
  const body = method === 'GET' || method === 'HEAD' ? '' : await readBody(req)

  if (url.pathname.startsWith('/__sim/')) {
    await handleAdmin(context, url, method, body, res)
    return
  }
  if (!url.pathname.startsWith('/cgi-bin/')) {
    send(res, 404, { errcode: 404, errmsg: 'not found' })
    return
  }
  const path = normalizePath(url.pathname)
  const route = routes[path]
  if (!route) {
    send(res, 404, { errcode: 404, errmsg: `not found: /cgi-bin/${path}` })
    return
  }

  if (context.faults.delayMs > 0) await sleep(context.faults.delayMs)
  let answer: Answer
  try {
    answer = { errcode: 0, errmsg: 'ok', ...answerRoute(context, route, path, method, url, body) }
  } catch (error) {
    if (!(error instanceof WecomError)) throw error
    answer = { errcode: error.errcode, errmsg: errmsg(error, req) }
  }
  const log = context.requests
  log.push({ method, path, errcode: answer.errcode as number, at: context.state.nowMs() })
  if (log.length > REQUEST_LOG_LIMIT) log.splice(0, log.length - REQUEST_LOG_LIMIT)
  send(res, 200, answer)
}

function answerRoute(context: ServerContext, route: Route, path: string, method: string, url: URL, body: string): Answer {
  const injected = context.faults.take(path)
  if (injected !== null) throw new WecomError(injected, 'injected by the simulator')
  if (method !== route.method) throw new WecomError(40058, `/cgi-bin/${path} takes ${route.method}`)
  if (!route.open) context.state.checkToken(url.searchParams.get('access_token') ?? undefined)
  const input = route.method === 'GET' ? Object.fromEntries(url.searchParams) : parseJson(body)
  return route.handle(input)
}

function parseJson(body: string): Input {
  if (body.trim() === '') return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    throw new WecomError(47001, 'the body is not JSON')
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new WecomError(47001, 'the body is not a JSON object')
  }
  return parsed as Input
}

/** WeCom's errmsg: the text, a hint, the caller's ip and a link to the errcode's page. */
function errmsg(error: WecomError, req: IncomingMessage): string {
  const hint = `${Math.floor(Date.now() / 1000)}_${++hintCounter}_${randomBytes(16).toString('hex')}`
  const ip = (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '')
  const more = `https://open.work.weixin.qq.com/devtool/query?e=${error.errcode}`
  return `${error.message}, hint: [${hint}], from ip: ${ip}, more info at ${more}`
}

async function handleAdmin(context: ServerContext, url: URL, method: string, body: string, res: ServerResponse): Promise<void> {
  const [, , name, extra] = url.pathname.split('/')
  if (method === 'GET' && name === 'health') {
    send(res, 200, { ok: true })
    return
  }
  if (method === 'GET' && name === 'state') {
    send(res, 200, context.view(extra ?? null) ?? { error: `no view ${extra}` })
    return
  }
  if (method === 'GET' && name === 'qr' && extra) {
    const way = context.state.contactWays.get(extra)
    res.writeHead(way ? 200 : 404, { 'content-type': 'image/svg+xml' })
    res.end(way ? qrPlaceholder(way) : '')
    return
  }
  if (method !== 'POST' || !name) {
    send(res, 404, { error: 'POST /__sim/{actingMethod} with the arguments as JSON (an array, or one object)' })
    return
  }
  let args: unknown[]
  try {
    const parsed: unknown = body.trim() === '' ? [] : JSON.parse(body)
    args = Array.isArray(parsed) ? parsed : [parsed]
  } catch {
    send(res, 400, { error: 'the body is not JSON' })
    return
  }
  try {
    send(res, 200, { result: (await context.act(name, args)) ?? null })
  } catch (error) {
    const status = error instanceof UnknownActionError ? 404 : 422
    send(res, status, { error: error instanceof Error ? error.message : String(error) })
  }
}

export class UnknownActionError extends Error {}

/** Not a scannable code: a labelled square so that the demo console has an image to show. */
function qrPlaceholder(way: ContactWay): string {
  const label = escapeXml(way.remark || way.state || way.config_id.slice(0, 8))
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" width="240" height="240" viewBox="0 0 240 240">',
    '<rect width="240" height="240" fill="#fff"/>',
    '<rect x="12" y="12" width="216" height="216" fill="none" stroke="#07c160" stroke-width="8"/>',
    '<text x="120" y="112" font-size="16" text-anchor="middle" font-family="sans-serif">WeCom simulator</text>',
    `<text x="120" y="140" font-size="14" text-anchor="middle" font-family="sans-serif">${label}</text>`,
    '</svg>',
  ].join('')
}

function escapeXml(value: string): string {
  return value.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`)
}

function send(res: ServerResponse, status: number, payload: unknown): void {
  const body = JSON.stringify(payload)
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', 'content-length': Buffer.byteLength(body) })
  res.end(body)
}

const BODY_LIMIT = 16 * 1024 * 1024

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > BODY_LIMIT) {
        reject(new Error('body too large'))
        req.destroy()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

// ---- reading request fields -----------------------------------------------------------------

function str(input: Input, key: string): string | undefined {
  const value = input[key]
  if (value === undefined || value === null || value === '') return undefined
  if (typeof value === 'number') return String(value)
  if (typeof value !== 'string') throw new WecomError(40058, `${key} must be a string`)
  return value
}

function required(input: Input, key: string): string {
  const value = str(input, key)
  if (value === undefined) throw new WecomError(40058, `${key} is required`)
  return value
}

function strings(input: Input, key: string, max = Infinity): string[] {
  const value = input[key]
  if (value === undefined || value === null) return []
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw new WecomError(40058, `${key} must be a list of strings`)
  }
  if (value.length > max) throw new WecomError(40058, `${key} takes at most ${max} items`)
  return value as string[]
}

function int(input: Input, key: string, fallback: number): number {
  const value = input[key]
  if (value === undefined || value === null || value === '') return fallback
  const number = typeof value === 'string' ? Number(value) : value
  if (typeof number !== 'number' || !Number.isInteger(number)) throw new WecomError(40058, `${key} must be an integer`)
  return number
}

function bool(input: Input, key: string, fallback: boolean): boolean {
  const value = input[key]
  if (value === undefined || value === null) return fallback
  if (typeof value === 'boolean') return value
  if (value === 0 || value === 1) return value === 1
  throw new WecomError(40058, `${key} must be a boolean`)
}

function object(input: Input, key: string): Input | undefined {
  const value = input[key]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'object' || Array.isArray(value)) throw new WecomError(40058, `${key} must be an object`)
  return value as Input
}

function messageContent(input: Input): { text: { content: string } | null; attachments: unknown[] } {
  const text = object(input, 'text')
  const content = text ? str(text, 'content') : undefined
  if (content !== undefined && Buffer.byteLength(content) > 4000) {
    throw new WecomError(40058, 'text.content takes at most 4000 bytes')
  }
  const attachments = input.attachments ?? []
  if (!Array.isArray(attachments)) throw new WecomError(40058, 'attachments must be a list')
  if (attachments.length > 9) throw new WecomError(40058, 'attachments takes at most 9 items')
  for (const attachment of attachments as Input[]) {
    const msgtype = attachment && typeof attachment === 'object' ? attachment.msgtype : undefined
    if (typeof msgtype !== 'string' || !['image', 'link', 'miniprogram', 'video', 'file'].includes(msgtype)) {
      throw new WecomError(40058, 'attachments[].msgtype must be image, link, miniprogram, video or file')
    }
    if (!attachment[msgtype] || typeof attachment[msgtype] !== 'object') {
      throw new WecomError(40058, `attachments[].${msgtype} is required`)
    }
  }
  if (content === undefined && attachments.length === 0) throw new WecomError(40058, 'text or attachments is required')
  return { text: content === undefined ? null : { content }, attachments }
}

// ---- answer shapes --------------------------------------------------------------------------

function contactJson(contact: ExternalContact): Answer {
  return { ...contact }
}

function optional(key: string, value: string): Answer {
  return value ? { [key]: value } : {}
}

function followUserJson(state: SimulatorState, follow: Follow): Answer {
  const tags = follow.tag_ids.flatMap((id) => {
    const found = state.findTag(id)
    return found ? [{ group_name: found.group.group_name, tag_name: found.tag.name, tag_id: id, type: 1 }] : []
  })
  return {
    userid: follow.userid,
    remark: follow.remark,
    description: follow.description,
    createtime: follow.createtime,
    tags,
    ...optional('remark_corp_name', follow.remark_corp_name),
    remark_mobiles: follow.remark_mobiles,
    oper_userid: follow.oper_userid,
    add_way: follow.add_way,
    ...optional('state', follow.state),
  }
}

function followInfoJson(state: SimulatorState, follow: Follow): Answer {
  return {
    userid: follow.userid,
    remark: follow.remark,
    description: follow.description,
    createtime: follow.createtime,
    tag_id: follow.tag_ids.filter((id) => state.findTag(id)),
    ...optional('remark_corp_name', follow.remark_corp_name),
    remark_mobiles: follow.remark_mobiles,
    oper_userid: follow.oper_userid,
    add_way: follow.add_way,
    ...optional('state', follow.state),
  }
}

function tagGroupJson(group: TagGroup, tags = group.tag): Answer {
  return {
    group_id: group.group_id,
    group_name: group.group_name,
    create_time: group.create_time,
    order: group.order,
    tag: tags.map((tag) => ({ ...tag })),
  }
}

function groupChatJson(group: GroupChat, needName: boolean): Answer {
  return {
    chat_id: group.chat_id,
    name: group.name,
    owner: group.owner,
    create_time: group.create_time,
    notice: group.notice,
    member_list: group.member_list.map(({ name, ...member }) => ({ ...member, ...(needName ? { name } : {}) })),
    admin_list: group.admin_list.map((admin) => ({ ...admin })),
    member_version: group.member_version,
  }
}

function contactWayJson(way: ContactWay): Answer {
  const answer: Answer = { ...way }
  delete answer.created_at
  if (way.scene !== 2) delete answer.qr_code
  return answer
}

function archiveJson(entry: ArchiveEntry): Answer {
  return { seq: entry.seq, msgid: entry.msgid, publickey_ver: 1, message: { ...entry } }
}

function shortHash(value: string): string {
  return createHash('sha1').update(value).digest('hex').slice(0, 10)
}

// ---- the routes -----------------------------------------------------------------------------

function createRoutes(context: ServerContext): Record<string, Route> {
  const { state } = context
  const get = (handle: Route['handle']): Route => ({ method: 'GET', handle })
  const post = (handle: Route['handle']): Route => ({ method: 'POST', handle })

  const massMessage = (input: Input): MassMessage => {
    const found = state.massMessages.get(required(input, 'msgid'))
    if (!found) throw new WecomError(40058, 'unknown msgid')
    return found
  }

  const latestTransfers = (kind: TransferKind, handover: string, takeover: string): Transfer[] => {
    const latest = new Map<string, Transfer>()
    for (const transfer of state.transfers) {
      if (transfer.kind === kind && transfer.handover_userid === handover && transfer.takeover_userid === takeover) {
        latest.set(transfer.external_userid, transfer)
      }
    }
    return [...latest.values()]
  }

  const transferCustomer = (kind: TransferKind) => (input: Input): Answer => {
    const handover = state.requireStaff(required(input, 'handover_userid'))
    const takeover = state.requireStaff(required(input, 'takeover_userid'))
    const externalUserids = strings(input, 'external_userid', 100)
    if (externalUserids.length === 0) throw new WecomError(40058, 'external_userid is required')
    if (handover.userid === takeover.userid) throw new WecomError(40058, 'handover and takeover are the same')
    if (takeover.resigned) throw new WecomError(40058, 'takeover_userid has resigned')
    if (kind === 'resigned' && !handover.resigned) throw new WecomError(40058, 'handover_userid has not resigned')
    if (kind === 'onjob' && handover.resigned) {
      throw new WecomError(40058, 'handover_userid has resigned: use resigned/transfer_customer')
    }
    const customer = externalUserids.map((externalUserid) => {
      if (!state.contacts.has(externalUserid)) return { external_userid: externalUserid, errcode: 40096 }
      if (!state.follow(handover.userid, externalUserid)) return { external_userid: externalUserid, errcode: 84061 }
      state.transfers.push({
        kind,
        handover_userid: handover.userid,
        takeover_userid: takeover.userid,
        external_userid: externalUserid,
        status: 2,
        takeover_time: null,
        transfer_success_msg: str(input, 'transfer_success_msg') ?? '',
        requested_at: state.nowMs(),
      })
      return { external_userid: externalUserid, errcode: 0 }
    })
    if (customer.some((item) => item.errcode === 0)) context.onTransfersRequested(kind)
    return { customer }
  }

  const transferResult = (kind: TransferKind) => (input: Input): Answer => {
    const handover = required(input, 'handover_userid')
    const takeover = required(input, 'takeover_userid')
    const page = paginate(
      latestTransfers(kind, handover, takeover),
      `${kind}-result:${shortHash(`${handover}|${takeover}`)}`,
      str(input, 'cursor'),
      1000
    )
    return {
      customer: page.items.map((transfer) => ({
        external_userid: transfer.external_userid,
        status: transfer.status,
        ...(transfer.takeover_time ? { takeover_time: transfer.takeover_time } : {}),
      })),
      next_cursor: page.next_cursor,
    }
  }

  const transferGroups = (resigned: boolean) => (input: Input): Answer => {
    const chatIds = strings(input, 'chat_id_list', 100)
    if (chatIds.length === 0) throw new WecomError(40058, 'chat_id_list is required')
    const newOwner = state.requireStaff(required(input, 'new_owner'))
    if (newOwner.resigned) throw new WecomError(40058, 'new_owner has resigned')
    const failed: Answer[] = []
    for (const chatId of chatIds) {
      const group = state.groups.get(chatId)
      const fail = (errcode: number) => failed.push({ chat_id: chatId, errcode, errmsg: ERRMSG[errcode] })
      if (!group || group.dismissed) {
        fail(40050)
        continue
      }
      if (resigned && !state.staff.get(group.owner)?.resigned) {
        fail(90500)
        continue
      }
      if (!group.member_list.some((member) => member.userid === newOwner.userid)) {
        group.member_list.push(state.newMember({ userid: newOwner.userid }, 1, group.owner))
        group.member_version = state.nextMemberVersion(group.chat_id)
      }
      group.owner = newOwner.userid
      group.status = resigned ? 3 : 0
    }
    return { failed_chat_list: failed }
  }

  return {
    gettoken: {
      method: 'GET',
      open: true,
      handle: (input) => state.issueToken(str(input, 'corpid'), str(input, 'corpsecret')),
    },

    'externalcontact/get_follow_user_list': get(() => ({ follow_user: state.followUserList() })),

    'externalcontact/list': get((input) => ({ external_userid: state.listContacts(str(input, 'userid')) })),

    'externalcontact/get': get((input) => {
      const externalUserid = required(input, 'external_userid')
      const contact = state.contacts.get(externalUserid)
      if (!contact) throw new WecomError(40096, externalUserid)
      const follows = state.followsOfContact(externalUserid)
      if (follows.length === 0) throw new WecomError(84061)
      const page = paginate(follows, `get:${shortHash(externalUserid)}`, str(input, 'cursor'), 500)
      return {
        external_contact: contactJson(contact),
        follow_user: page.items.map((follow) => followUserJson(state, follow)),
        next_cursor: page.next_cursor,
      }
    }),

    'externalcontact/batch/get_by_user': post((input) => {
      const userids = strings(input, 'userid_list', 100)
      if (userids.length === 0) throw new WecomError(40058, 'userid_list is required')
      for (const userid of userids) state.requireStaff(userid)
      const limit = Math.min(100, Math.max(1, int(input, 'limit', 50)))
      const page = paginate(state.followsOf(userids), `batch:${shortHash(userids.join('|'))}`, str(input, 'cursor'), limit)
      return {
        external_contact_list: page.items.map((follow) => ({
          external_contact: contactJson(state.contacts.get(follow.external_userid) as ExternalContact),
          follow_info: followInfoJson(state, follow),
        })),
        next_cursor: page.next_cursor,
      }
    }),

    'externalcontact/get_corp_tag_list': post((input) => {
      const tagIds = strings(input, 'tag_id')
      const groupIds = strings(input, 'group_id')
      const groups = [...state.tagGroups.values()].sort((a, b) => b.order - a.order)
      // WeCom: group_id wins when both are given.
      if (groupIds.length > 0) {
        return { tag_group: groups.filter((group) => groupIds.includes(group.group_id)).map((group) => tagGroupJson(group)) }
      }
      if (tagIds.length > 0) {
        return {
          tag_group: groups.flatMap((group) => {
            const tags = group.tag.filter((tag) => tagIds.includes(tag.id))
            return tags.length > 0 ? [tagGroupJson(group, tags)] : []
          }),
        }
      }
      return { tag_group: groups.map((group) => tagGroupJson(group)) }
    }),

    'externalcontact/add_corp_tag': post((input) => {
      const tags = input.tag
      if (!Array.isArray(tags)) throw new WecomError(40058, 'tag is required')
      const { group, added } = state.addTags({
        group_id: str(input, 'group_id'),
        group_name: str(input, 'group_name'),
        order: int(input, 'order', 0),
        tag: (tags as Input[]).map((tag) => ({ name: required(tag ?? {}, 'name'), order: int(tag ?? {}, 'order', 0) })),
      })
      return { tag_group: tagGroupJson(group, added) }
    }),

    'externalcontact/edit_corp_tag': post((input) => {
      const name = str(input, 'name')
      state.editTag(required(input, 'id'), {
        ...(name !== undefined ? { name } : {}),
        ...(input.order !== undefined ? { order: int(input, 'order', 0) } : {}),
      })
      return {}
    }),

    'externalcontact/del_corp_tag': post((input) => {
      state.deleteTags(strings(input, 'tag_id'), strings(input, 'group_id'))
      return {}
    }),

    'externalcontact/mark_tag': post((input) => {
      const follow = state.requireFollow(str(input, 'userid'), str(input, 'external_userid'))
      const add = strings(input, 'add_tag')
      const remove = strings(input, 'remove_tag')
      if (add.length === 0 && remove.length === 0) throw new WecomError(40058, 'add_tag or remove_tag is required')
      state.applyTags(follow, add, remove)
      state.markTagCalls.push({
        userid: follow.userid,
        external_userid: follow.external_userid,
        add_tag: add,
        remove_tag: remove,
        at: state.nowMs(),
      })
      return {}
    }),

    'externalcontact/groupchat/list': post((input) => {
      const limit = int(input, 'limit', 0)
      if (limit < 1 || limit > 1000) throw new WecomError(40058, 'limit must be 1 to 1000')
      const statusFilter = int(input, 'status_filter', 0)
      const ownerFilter = object(input, 'owner_filter')
      const owners = ownerFilter ? strings(ownerFilter, 'userid_list', 100) : []
      const groups = [...state.groups.values()].filter(
        (group) =>
          !group.dismissed &&
          (statusFilter === 0 || group.status === statusFilter) &&
          (owners.length === 0 || owners.includes(group.owner))
      )
      const scope = `groupchat:${shortHash(`${statusFilter}|${owners.join('|')}`)}`
      const page = paginate(groups, scope, str(input, 'cursor'), limit)
      return {
        group_chat_list: page.items.map((group) => ({ chat_id: group.chat_id, status: group.status })),
        next_cursor: page.next_cursor,
      }
    }),

    'externalcontact/groupchat/get': post((input) => {
      const group = state.requireGroup(required(input, 'chat_id'))
      return { group_chat: groupChatJson(group, int(input, 'need_name', 0) === 1) }
    }),

    'externalcontact/add_contact_way': post((input) => {
      const type = int(input, 'type', 0)
      const scene = int(input, 'scene', 0)
      if (type !== 1 && type !== 2) throw new WecomError(40058, 'type must be 1 or 2')
      if (scene !== 1 && scene !== 2) throw new WecomError(40058, 'scene must be 1 or 2')
      const users = strings(input, 'user', 100)
      const party = (input.party ?? []) as number[]
      if (type === 1 && (users.length !== 1 || party.length > 0)) {
        throw new WecomError(40058, 'a single contact way takes exactly one user')
      }
      if (type === 2 && users.length === 0 && party.length === 0) throw new WecomError(40058, 'user or party is required')
      for (const userid of users) state.requireStaff(userid)
      const wayState = str(input, 'state') ?? ''
      if (wayState.length > 30) throw new WecomError(40058, 'state takes at most 30 characters')
      const configId = state.nextId('contact-way', '', 32).toLowerCase()
      const isTemp = bool(input, 'is_temp', false)
      const way: ContactWay = {
        config_id: configId,
        type,
        scene,
        style: int(input, 'style', 1),
        remark: str(input, 'remark') ?? '',
        skip_verify: bool(input, 'skip_verify', true),
        state: wayState,
        user: users,
        party,
        is_temp: isTemp,
        expires_in: isTemp ? int(input, 'expires_in', 7 * 86_400) : 0,
        chat_expires_in: isTemp ? int(input, 'chat_expires_in', 86_400) : 0,
        unionid: str(input, 'unionid') ?? '',
        conclusions: input.conclusions ?? {},
        qr_code: scene === 2 ? `${context.baseUrl()}/__sim/qr/${configId}` : '',
        created_at: state.nowMs(),
      }
      state.contactWays.set(configId, way)
      return { config_id: configId, ...(scene === 2 ? { qr_code: way.qr_code } : {}) }
    }),

    'externalcontact/get_contact_way': post((input) => {
      const way = state.contactWays.get(required(input, 'config_id'))
      if (!way) throw new WecomError(40058, 'unknown config_id')
      return { contact_way: contactWayJson(way) }
    }),

    'externalcontact/update_contact_way': post((input) => {
      const way = state.contactWays.get(required(input, 'config_id'))
      if (!way) throw new WecomError(40058, 'unknown config_id')
      if (input.user !== undefined) {
        const users = strings(input, 'user', 100)
        for (const userid of users) state.requireStaff(userid)
        if (way.type === 1 && users.length !== 1) throw new WecomError(40058, 'a single contact way takes exactly one user')
        way.user = users
      }
      const wayState = str(input, 'state')
      if (wayState !== undefined) {
        if (wayState.length > 30) throw new WecomError(40058, 'state takes at most 30 characters')
        way.state = wayState
      }
      if (input.remark !== undefined) way.remark = str(input, 'remark') ?? ''
      if (input.skip_verify !== undefined) way.skip_verify = bool(input, 'skip_verify', true)
      if (input.style !== undefined) way.style = int(input, 'style', way.style)
      if (input.party !== undefined) way.party = input.party as number[]
      if (input.expires_in !== undefined) way.expires_in = int(input, 'expires_in', way.expires_in)
      if (input.chat_expires_in !== undefined) way.chat_expires_in = int(input, 'chat_expires_in', way.chat_expires_in)
      if (input.unionid !== undefined) way.unionid = str(input, 'unionid') ?? ''
      if (input.conclusions !== undefined) way.conclusions = input.conclusions
      return {}
    }),

    'externalcontact/del_contact_way': post((input) => {
      const configId = required(input, 'config_id')
      if (!state.contactWays.delete(configId)) throw new WecomError(40058, 'unknown config_id')
      return {}
    }),

    'externalcontact/send_welcome_msg': post((input) => {
      const { text, attachments } = messageContent(input)
      const code = state.useWelcomeCode(str(input, 'welcome_code'))
      state.welcomeMessages.push({
        welcome_code: code.welcome_code,
        text,
        attachments,
        external_userid: code.external_userid,
        userid: code.userid,
        at: state.nowMs(),
      })
      return {}
    }),

    'externalcontact/add_msg_template': post((input) => {
      const chatType = str(input, 'chat_type') ?? 'single'
      if (chatType !== 'single' && chatType !== 'group') throw new WecomError(40058, 'chat_type must be single or group')
      const { text, attachments } = messageContent(input)
      const sender = str(input, 'sender')
      if (sender) state.requireStaff(sender)
      const message: MassMessage = {
        msgid: state.nextId('msgid', 'msg', 27),
        chat_type: chatType,
        sender: sender ?? '',
        text,
        attachments,
        create_time: state.nowSeconds(),
        fail_list: [],
        cancelled: false,
        reminders: [],
        tasks: [],
        results: [],
      }
      const results: MassSendResult[] = []
      if (chatType === 'single') {
        let recipients = strings(input, 'external_userid', 10_000)
        if (recipients.length === 0) {
          if (!sender) throw new WecomError(40058, 'external_userid and sender cannot both be empty')
          recipients = [...(state.followsByStaff.get(sender) ?? [])]
        }
        const tagFilter = object(input, 'tag_filter')
        const groupList = tagFilter && Array.isArray(tagFilter.group_list) ? (tagFilter.group_list as Input[]) : []
        for (const externalUserid of new Set(recipients)) {
          const follows = state
            .followsOfContact(externalUserid)
            .filter((follow) => (!sender || follow.userid === sender) && !state.staff.get(follow.userid)?.resigned)
            .filter((follow) =>
              groupList.every((group) => {
                const wanted = strings(group, 'tag_list')
                return wanted.length === 0 || wanted.some((id) => follow.tag_ids.includes(id))
              })
            )
          if (follows.length === 0) {
            message.fail_list.push(externalUserid)
            continue
          }
          for (const follow of follows) {
            results.push({ external_userid: externalUserid, chat_id: '', userid: follow.userid, status: 0, send_time: null })
          }
        }
      } else {
        if (!sender) throw new WecomError(40058, 'sender is required for chat_type group')
        const chatIds = strings(input, 'chat_id_list', 2000)
        const groups = [...state.groups.values()].filter(
          (group) => !group.dismissed && group.owner === sender && (chatIds.length === 0 || chatIds.includes(group.chat_id))
        )
        for (const group of groups) {
          results.push({ external_userid: '', chat_id: group.chat_id, userid: sender, status: 0, send_time: null })
        }
      }
      message.results = results
      message.tasks = [...new Set(results.map((result) => result.userid))].map((userid) => ({
        userid,
        status: 0,
        send_time: null,
      }))
      state.massMessages.set(message.msgid, message)
      return { fail_list: message.fail_list, msgid: message.msgid }
    }),

    'externalcontact/get_groupmsg_task': post((input) => {
      const message = massMessage(input)
      const limit = Math.min(1000, Math.max(1, int(input, 'limit', 500)))
      const page = paginate(message.tasks, `task:${message.msgid}`, str(input, 'cursor'), limit)
      return {
        task_list: page.items.map((task) => ({
          userid: task.userid,
          status: task.status,
          ...(task.send_time ? { send_time: task.send_time } : {}),
        })),
        next_cursor: page.next_cursor,
      }
    }),

    'externalcontact/get_groupmsg_send_result': post((input) => {
      const message = massMessage(input)
      const userid = required(input, 'userid')
      const limit = Math.min(1000, Math.max(1, int(input, 'limit', 500)))
      const results = message.results.filter((result) => result.userid === userid)
      const page = paginate(results, `send:${shortHash(`${message.msgid}|${userid}`)}`, str(input, 'cursor'), limit)
      return {
        send_list: page.items.map((result) => ({
          ...(result.external_userid ? { external_userid: result.external_userid } : {}),
          ...(result.chat_id ? { chat_id: result.chat_id } : {}),
          userid: result.userid,
          status: result.status,
          ...(result.send_time ? { send_time: result.send_time } : {}),
        })),
        next_cursor: page.next_cursor,
      }
    }),

    'externalcontact/remind_groupmsg_send': post((input) => {
      const message = massMessage(input)
      message.reminders.push(state.nowMs())
      return {}
    }),

    'externalcontact/cancel_groupmsg_send': post((input) => {
      massMessage(input).cancelled = true
      return {}
    }),

    'externalcontact/transfer_customer': post(transferCustomer('onjob')),
    'externalcontact/transfer_result': post(transferResult('onjob')),
    'externalcontact/resigned/transfer_customer': post(transferCustomer('resigned')),
    'externalcontact/resigned/transfer_result': post(transferResult('resigned')),

    'externalcontact/get_unassigned_list': post((input) => {
      const pageSize = Math.min(1000, Math.max(1, int(input, 'page_size', 1000)))
      const pending = new Set(
        state.transfers
          .filter((transfer) => transfer.kind === 'resigned' && transfer.status === 2)
          .map((transfer) => `${transfer.handover_userid}|${transfer.external_userid}`)
      )
      const resigned = [...state.staff.values()].filter((member) => member.resigned)
      const info = state
        .followsOf(resigned.map((member) => member.userid))
        .filter((follow) => !pending.has(`${follow.userid}|${follow.external_userid}`))
        .map((follow) => ({
          handover_userid: follow.userid,
          external_userid: follow.external_userid,
          dimission_time: state.staff.get(follow.userid)?.dimission_time ?? 0,
        }))
      const page = paginate(info, 'unassigned', str(input, 'cursor'), pageSize)
      return { info: page.items, is_last: page.next_cursor === '', next_cursor: page.next_cursor }
    }),

    'externalcontact/groupchat/transfer': post(transferGroups(true)),
    'externalcontact/groupchat/onjob_transfer': post(transferGroups(false)),

    'msgaudit/sim_getchatdata': post((input) => {
      const seq = int(input, 'seq', 0)
      const limit = int(input, 'limit', 100)
      if (limit < 1 || limit > 1000) throw new WecomError(40058, 'limit must be 1 to 1000')
      const from = state.archive.findIndex((entry) => entry.seq > seq)
      const entries = from < 0 ? [] : state.archive.slice(from, from + limit)
      return { chatdata: entries.map(archiveJson) }
    }),
  }
}
