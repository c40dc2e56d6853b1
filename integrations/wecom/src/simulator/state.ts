/*
 * The simulator's memory of one WeCom corp: staff, external contacts and who follows them, corp
 * tags, customer groups, contact ways, welcome codes, mass messages, transfers, the session
 * archive and access tokens. Plain Maps and arrays; ids are derived from the corp id and a
 * counter, so the same sequence of actions gives the same ids on every run.
 *
 * The rules WeCom applies live here, free of HTTP: operations throw WecomError carrying WeCom's
 * own errcode, and server.ts turns that into the {errcode, errmsg} envelope.
 */
import { createHash, randomBytes } from 'node:crypto'

/** WeCom's errcodes that the simulator answers, with the English text WeCom puts in errmsg. */
export const ERRMSG: Readonly<Record<number, string>> = {
  [-1]: 'system busy',
  40001: 'invalid credential',
  40003: 'invalid userid',
  40013: 'invalid corpid',
  40014: 'invalid access_token',
  40050: 'chatid not found',
  40058: 'invalid parameter',
  40068: 'invalid tagid',
  40071: 'tag name already exists',
  40096: 'invalid external userid',
  41001: 'access_token missing',
  41002: 'corpid missing',
  41004: 'corpsecret missing',
  41051: 'externaluser has started chatting',
  42001: 'access_token expired',
  45009: 'api freq out of limit',
  45033: 'api concurrent out of limit',
  47001: 'data format error',
  60111: 'userid not found',
  84061: 'not external contact',
  90500: 'the owner of this chat is not resigned',
}

export class WecomError extends Error {
  constructor(
    readonly errcode: number,
    readonly detail?: string
  ) {
    super(`${ERRMSG[errcode] ?? 'error'}${detail ? ` (${detail})` : ''}`)
    this.name = 'WecomError'
  }
}

export interface StaffMember {
  userid: string
  name: string
  resigned: boolean
  /** Unix seconds; set when the member resigns. */
  dimission_time: number | null
}

/** external_contact as WeCom answers it (type 1 WeChat user, 2 WeCom user; gender 0/1/2). */
export interface ExternalContact {
  external_userid: string
  name: string
  avatar: string
  type: 1 | 2
  gender: 0 | 1 | 2
  unionid?: string
  position?: string
  corp_name?: string
  corp_full_name?: string
}

/** One staff member's relationship with a contact (follow_user / follow_info). */
export interface Follow {
  userid: string
  external_userid: string
  remark: string
  description: string
  /** Unix seconds. */
  createtime: number
  tag_ids: string[]
  remark_corp_name: string
  remark_mobiles: string[]
  oper_userid: string
  add_way: number
  state: string
  /** Added through a skip-verify contact way and not yet confirmed by the staff member. */
  half: boolean
}

export interface CorpTag {
  id: string
  name: string
  create_time: number
  order: number
}

export interface TagGroup {
  group_id: string
  group_name: string
  create_time: number
  order: number
  tag: CorpTag[]
}

export interface GroupMember {
  /** The staff userid (type 1) or the external_userid (type 2). */
  userid: string
  type: 1 | 2
  join_time: number
  /** 1 invited directly, 2 through an invitation link, 3 by scanning the group QR code. */
  join_scene: number
  invitor?: { userid: string }
  group_nickname: string
  name: string
  unionid?: string
}

export interface GroupChat {
  chat_id: string
  name: string
  owner: string
  create_time: number
  notice: string
  member_list: GroupMember[]
  admin_list: { userid: string }[]
  member_version: string
  /** 0 normal, 1 owner resigned and waiting, 2 being taken over, 3 taken over. */
  status: 0 | 1 | 2 | 3
  dismissed: boolean
}

export interface ContactWay {
  config_id: string
  type: 1 | 2
  scene: 1 | 2
  style: number
  remark: string
  skip_verify: boolean
  state: string
  user: string[]
  party: number[]
  is_temp: boolean
  expires_in: number
  chat_expires_in: number
  unionid: string
  conclusions: unknown
  qr_code: string
  created_at: number
}

export interface WelcomeCode {
  welcome_code: string
  external_userid: string
  userid: string
  /** Milliseconds. */
  issued_at: number
  used_at: number | null
}

export interface WelcomeMessage {
  welcome_code: string
  text: { content: string } | null
  attachments: unknown[]
  external_userid: string
  userid: string
  /** Milliseconds. */
  at: number
}

export interface MarkTagCall {
  userid: string
  external_userid: string
  add_tag: string[]
  remove_tag: string[]
  at: number
}

export interface MassTask {
  userid: string
  /** 0 not sent yet, 1 sent. */
  status: 0 | 1
  send_time: number | null
}

export interface MassSendResult {
  external_userid: string
  chat_id: string
  userid: string
  /** 0 not sent, 1 sent, 2 not a friend (any more), 3 already received it. */
  status: 0 | 1 | 2 | 3
  send_time: number | null
}

export interface MassMessage {
  msgid: string
  chat_type: 'single' | 'group'
  sender: string
  text: { content: string } | null
  attachments: unknown[]
  create_time: number
  fail_list: string[]
  cancelled: boolean
  reminders: number[]
  tasks: MassTask[]
  results: MassSendResult[]
}

export type TransferKind = 'onjob' | 'resigned'

export interface Transfer {
  kind: TransferKind
  handover_userid: string
  takeover_userid: string
  external_userid: string
  /** 1 done, 2 waiting, 3 refused by the customer, 4 takeover at its limit, 5 no record. */
  status: 1 | 2 | 3 | 4 | 5
  takeover_time: number | null
  transfer_success_msg: string
  requested_at: number
}

/** One message of the session archive, as the finance SDK hands it over once decrypted. */
export interface ArchiveEntry {
  seq: number
  msgid: string
  action: 'send' | 'recall' | 'switch'
  from: string
  tolist: string[]
  roomid: string
  /** Milliseconds. */
  msgtime: number
  msgtype: 'text'
  text: { content: string }
}

interface AccessToken {
  token: string
  expiresAt: number
  revoked: boolean
}

export interface NewContact {
  userid: string
  external_userid?: string
  name: string
  unionid?: string
  gender?: 0 | 1 | 2
  avatar?: string
  type?: 1 | 2
  corp_name?: string
  state?: string
  remark?: string
  description?: string
  remark_mobiles?: string[]
  add_way?: number
  half?: boolean
}

export interface NewGroupMember {
  userid?: string
  external_userid?: string
  unionid?: string
  name?: string
}

export interface StateOptions {
  corpId: string
  secret: string
  tokenTtlSeconds: number
  welcomeWindowSeconds: number
  now: () => number
}

/** A page cursor is opaque to callers; inside it names the listing and the offset. */
function encodeCursor(scope: string, offset: number): string {
  return Buffer.from(`${scope}:${offset}`, 'utf8').toString('base64url')
}

function decodeCursor(scope: string, cursor: string | undefined): number {
  if (!cursor) return 0
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8')
  const cut = decoded.lastIndexOf(':')
  const name = decoded.slice(0, cut)
  const value = cut < 0 || decoded.slice(cut + 1) === '' ? Number.NaN : Number(decoded.slice(cut + 1))
  if (name !== scope || !Number.isInteger(value) || value < 0) {
    throw new WecomError(40058, 'invalid cursor')
  }
  return value
}

export interface Page<T> {
  items: T[]
  next_cursor: string
}

export function paginate<T>(items: T[], scope: string, cursor: string | undefined, limit: number): Page<T> {
  const offset = decodeCursor(scope, cursor)
  const end = offset + limit
  return {
    items: items.slice(offset, end),
    next_cursor: end < items.length ? encodeCursor(scope, end) : '',
  }
}

const SEED_SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭']
const SEED_GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明']

/** A Chinese-looking name for the n-th generated person; the same n always gives the same name. */
export function generatedName(n: number): string {
  const surname = SEED_SURNAMES[n % SEED_SURNAMES.length]
  const given = SEED_GIVEN[(n * 7 + Math.floor(n / SEED_SURNAMES.length)) % SEED_GIVEN.length]
  const second = n % 3 === 0 ? SEED_GIVEN[(n * 11 + 3) % SEED_GIVEN.length] : ''
  return `${surname}${given}${second}`
}

export class SimulatorState {
  readonly staff = new Map<string, StaffMember>()
  readonly contacts = new Map<string, ExternalContact>()
  /** external_userid → userid → follow. */
  readonly follows = new Map<string, Map<string, Follow>>()
  /** userid → the external_userids it follows, in the order they were added. */
  readonly followsByStaff = new Map<string, Set<string>>()
  readonly tagGroups = new Map<string, TagGroup>()
  readonly groups = new Map<string, GroupChat>()
  readonly contactWays = new Map<string, ContactWay>()
  readonly welcomeCodes = new Map<string, WelcomeCode>()
  readonly welcomeMessages: WelcomeMessage[] = []
  readonly markTagCalls: MarkTagCall[] = []
  readonly massMessages = new Map<string, MassMessage>()
  readonly transfers: Transfer[] = []
  readonly archive: ArchiveEntry[] = []
  readonly tokens = new Map<string, AccessToken>()
  tokensIssued = 0

  readonly #options: StateOptions
  readonly #counters = new Map<string, number>()

  constructor(options: StateOptions) {
    this.#options = options
  }

  get corpId(): string {
    return this.#options.corpId
  }

  nowMs(): number {
    return this.#options.now()
  }

  nowSeconds(): number {
    return Math.floor(this.#options.now() / 1000)
  }

  /** A deterministic id: the prefix and a hash of the corp id, the kind and its counter. */
  nextId(kind: string, prefix: string, length: number): string {
    const n = (this.#counters.get(kind) ?? 0) + 1
    this.#counters.set(kind, n)
    return `${prefix}${hashId(`${this.#options.corpId}:${kind}:${n}`, length)}`
  }

  // ---- access tokens ------------------------------------------------------------------------

  /**
   * gettoken: WeCom answers the same token while it is valid and a new one once it has expired.
   */
  issueToken(corpid: string | undefined, secret: string | undefined): { access_token: string; expires_in: number } {
    if (!corpid) throw new WecomError(41002)
    if (corpid !== this.#options.corpId) throw new WecomError(40013)
    if (!secret) throw new WecomError(41004)
    if (secret !== this.#options.secret) throw new WecomError(40001)
    const now = this.nowMs()
    let current = [...this.tokens.values()].find((token) => !token.revoked && token.expiresAt > now)
    if (!current) {
      current = {
        token: randomBytes(48).toString('base64url'),
        expiresAt: now + this.#options.tokenTtlSeconds * 1000,
        revoked: false,
      }
      this.tokens.set(current.token, current)
    }
    this.tokensIssued += 1
    return { access_token: current.token, expires_in: Math.max(1, Math.round((current.expiresAt - now) / 1000)) }
  }

  checkToken(token: string | undefined): void {
    if (!token) throw new WecomError(41001)
    const known = this.tokens.get(token)
    if (!known) throw new WecomError(40014)
    if (known.revoked || known.expiresAt <= this.nowMs()) throw new WecomError(42001)
  }

  expireTokens(): void {
    for (const token of this.tokens.values()) token.revoked = true
  }

  // ---- staff --------------------------------------------------------------------------------

  addStaff(userid: string, name: string): StaffMember {
    if (!userid) throw new Error('addStaff needs a userid')
    const existing = this.staff.get(userid)
    if (existing) {
      existing.name = name
      return existing
    }
    const member: StaffMember = { userid, name, resigned: false, dimission_time: null }
    this.staff.set(userid, member)
    return member
  }

  requireStaff(userid: string | undefined): StaffMember {
    const member = userid ? this.staff.get(userid) : undefined
    if (!member) throw new WecomError(60111, userid ? `userid ${userid}` : 'userid is required')
    return member
  }

  resignStaff(userid: string): void {
    const member = this.requireStaff(userid)
    member.resigned = true
    member.dimission_time = this.nowSeconds()
    for (const group of this.groups.values()) {
      if (group.owner === userid && !group.dismissed) group.status = 1
    }
  }

  followUserList(): string[] {
    return [...this.staff.values()].filter((member) => !member.resigned).map((member) => member.userid)
  }

  // ---- contacts and follows -----------------------------------------------------------------

  follow(userid: string, externalUserid: string): Follow | undefined {
    return this.follows.get(externalUserid)?.get(userid)
  }

  requireFollow(userid: string | undefined, externalUserid: string | undefined): Follow {
    this.requireStaff(userid)
    if (!externalUserid) throw new WecomError(40058, 'external_userid is required')
    if (!this.contacts.has(externalUserid)) throw new WecomError(40096, externalUserid)
    const found = this.follow(userid as string, externalUserid)
    if (!found) throw new WecomError(84061)
    return found
  }

  /** A customer adds a staff member (or is seeded): the contact is created or reused. */
  addContact(input: NewContact, createtime = this.nowSeconds()): { contact: ExternalContact; follow: Follow } {
    if (!this.staff.has(input.userid)) this.addStaff(input.userid, input.userid)
    const externalUserid = input.external_userid ?? this.nextId('contact', 'wm', 30)
    let contact = this.contacts.get(externalUserid)
    if (!contact) {
      contact = {
        external_userid: externalUserid,
        name: input.name,
        avatar: input.avatar ?? `https://wework.qpic.cn/wwhead/sim/${externalUserid}/0`,
        type: input.type ?? 1,
        gender: input.gender ?? 0,
      }
      if (input.unionid) contact.unionid = input.unionid
      if (input.corp_name) contact.corp_name = input.corp_name
      this.contacts.set(externalUserid, contact)
    }
    if (this.follow(input.userid, externalUserid)) {
      throw new Error(`${externalUserid} already follows ${input.userid}`)
    }
    const follow: Follow = {
      userid: input.userid,
      external_userid: externalUserid,
      remark: input.remark ?? '',
      description: input.description ?? '',
      createtime,
      tag_ids: [],
      remark_corp_name: '',
      remark_mobiles: input.remark_mobiles ?? [],
      oper_userid: externalUserid,
      add_way: input.add_way ?? (input.state ? 1 : 0),
      state: input.state ?? '',
      half: input.half ?? false,
    }
    this.#link(follow)
    return { contact, follow }
  }

  #link(follow: Follow): void {
    let byUser = this.follows.get(follow.external_userid)
    if (!byUser) this.follows.set(follow.external_userid, (byUser = new Map()))
    byUser.set(follow.userid, follow)
    let ofStaff = this.followsByStaff.get(follow.userid)
    if (!ofStaff) this.followsByStaff.set(follow.userid, (ofStaff = new Set()))
    ofStaff.add(follow.external_userid)
  }

  removeFollow(userid: string, externalUserid: string): Follow {
    const found = this.follow(userid, externalUserid)
    if (!found) throw new Error(`${externalUserid} does not follow ${userid}`)
    this.follows.get(externalUserid)?.delete(userid)
    this.followsByStaff.get(userid)?.delete(externalUserid)
    return found
  }

  issueWelcomeCode(userid: string, externalUserid: string): string {
    const code = this.nextId('welcome', '', 43)
    this.welcomeCodes.set(code, {
      welcome_code: code,
      userid,
      external_userid: externalUserid,
      issued_at: this.nowMs(),
      used_at: null,
    })
    return code
  }

  listContacts(userid: string | undefined): string[] {
    this.requireStaff(userid)
    const ids = [...(this.followsByStaff.get(userid as string) ?? [])]
    // WeCom answers "not external contact" rather than an empty list.
    if (ids.length === 0) throw new WecomError(84061)
    return ids
  }

  /** The follows of the given staff, in the order of the list, each staff's in the order added. */
  followsOf(userids: string[]): Follow[] {
    const out: Follow[] = []
    for (const userid of new Set(userids)) {
      for (const externalUserid of this.followsByStaff.get(userid) ?? []) {
        const found = this.follow(userid, externalUserid)
        if (found) out.push(found)
      }
    }
    return out
  }

  followsOfContact(externalUserid: string): Follow[] {
    return [...(this.follows.get(externalUserid)?.values() ?? [])]
  }

  // ---- tags ---------------------------------------------------------------------------------

  findTag(id: string): { group: TagGroup; tag: CorpTag } | undefined {
    for (const group of this.tagGroups.values()) {
      const tag = group.tag.find((candidate) => candidate.id === id)
      if (tag) return { group, tag }
    }
    return undefined
  }

  addTags(input: {
    group_id?: string
    group_name?: string
    order?: number
    tag: { name: string; order?: number }[]
  }): { group: TagGroup; added: CorpTag[]; newGroup: boolean } {
    let group: TagGroup | undefined
    let newGroup = false
    if (input.group_id) {
      group = this.tagGroups.get(input.group_id)
      if (!group) throw new WecomError(40068, `group_id ${input.group_id}`)
    } else {
      if (!input.group_name) throw new WecomError(40058, 'group_id or group_name is required')
      group = [...this.tagGroups.values()].find((candidate) => candidate.group_name === input.group_name)
      if (!group) {
        newGroup = true
        group = {
          group_id: this.nextId('tag', 'et', 22),
          group_name: input.group_name,
          create_time: this.nowSeconds(),
          order: input.order ?? 0,
          tag: [],
        }
      }
    }
    if (input.tag.length === 0) throw new WecomError(40058, 'tag is required')
    const names = new Set(group.tag.map((tag) => tag.name))
    for (const { name } of input.tag) {
      if (!name || name.length > 30) throw new WecomError(40058, 'tag name must be 1 to 30 characters')
      if (names.has(name)) throw new WecomError(40071, name)
      names.add(name)
    }
    const added = input.tag.map((tag) => ({
      id: this.nextId('tag', 'et', 22),
      name: tag.name,
      create_time: this.nowSeconds(),
      order: tag.order ?? 0,
    }))
    group.tag.push(...added)
    this.tagGroups.set(group.group_id, group)
    return { group, added, newGroup }
  }

  editTag(id: string, changes: { name?: string; order?: number }): 'tag' | 'tag_group' {
    const group = this.tagGroups.get(id)
    if (group) {
      if (changes.name !== undefined) {
        const clash = [...this.tagGroups.values()].some((other) => other !== group && other.group_name === changes.name)
        if (clash) throw new WecomError(40071, changes.name)
        group.group_name = changes.name
      }
      if (changes.order !== undefined) group.order = changes.order
      return 'tag_group'
    }
    const found = this.findTag(id)
    if (!found) throw new WecomError(40068, id)
    if (changes.name !== undefined) {
      if (found.group.tag.some((tag) => tag !== found.tag && tag.name === changes.name)) {
        throw new WecomError(40071, changes.name)
      }
      found.tag.name = changes.name
    }
    if (changes.order !== undefined) found.tag.order = changes.order
    return 'tag'
  }

  /** Deleting the last tag of a group deletes the group; contacts lose the deleted tags. */
  deleteTags(tagIds: string[], groupIds: string[]): void {
    if (tagIds.length === 0 && groupIds.length === 0) throw new WecomError(40058, 'tag_id or group_id is required')
    for (const id of groupIds) if (!this.tagGroups.has(id)) throw new WecomError(40068, id)
    for (const id of tagIds) if (!this.findTag(id)) throw new WecomError(40068, id)
    const removed = new Set(tagIds)
    for (const id of groupIds) {
      for (const tag of this.tagGroups.get(id)?.tag ?? []) removed.add(tag.id)
      this.tagGroups.delete(id)
    }
    for (const group of [...this.tagGroups.values()]) {
      group.tag = group.tag.filter((tag) => !removed.has(tag.id))
      if (group.tag.length === 0) this.tagGroups.delete(group.group_id)
    }
    for (const byUser of this.follows.values()) {
      for (const found of byUser.values()) found.tag_ids = found.tag_ids.filter((id) => !removed.has(id))
    }
  }

  applyTags(found: Follow, add: string[], remove: string[]): void {
    for (const id of [...add, ...remove]) if (!this.findTag(id)) throw new WecomError(40068, id)
    const tags = new Set(found.tag_ids)
    for (const id of add) tags.add(id)
    for (const id of remove) tags.delete(id)
    found.tag_ids = [...tags]
  }

  // ---- customer groups ----------------------------------------------------------------------

  requireGroup(chatId: string | undefined): GroupChat {
    const group = chatId ? this.groups.get(chatId) : undefined
    if (!group || group.dismissed) throw new WecomError(40050, chatId || 'chat_id is required')
    return group
  }

  newMember(input: NewGroupMember, joinScene: number, invitor?: string): GroupMember {
    const joinTime = this.nowSeconds()
    if (input.userid) {
      const member = this.staff.get(input.userid)
      if (!member) this.addStaff(input.userid, input.name ?? input.userid)
      const staffName = this.staff.get(input.userid)?.name ?? input.userid
      return {
        userid: input.userid,
        type: 1,
        join_time: joinTime,
        join_scene: joinScene,
        ...(invitor ? { invitor: { userid: invitor } } : {}),
        group_nickname: '',
        name: input.name ?? staffName,
      }
    }
    const externalUserid = input.external_userid ?? this.nextId('contact', 'wm', 30)
    const contact = this.contacts.get(externalUserid)
    const unionid = input.unionid ?? contact?.unionid
    return {
      userid: externalUserid,
      type: 2,
      join_time: joinTime,
      join_scene: joinScene,
      ...(invitor ? { invitor: { userid: invitor } } : {}),
      group_nickname: '',
      name: input.name ?? contact?.name ?? generatedName(this.contacts.size + this.groups.size),
      ...(unionid ? { unionid } : {}),
    }
  }

  /** A new member_version: WeCom's is an opaque 32-hex string that changes with the membership. */
  nextMemberVersion(chatId: string): string {
    return hashHex(`${this.nextId('member-version', '', 8)}:${chatId}`).slice(0, 32)
  }

  // ---- session archive ----------------------------------------------------------------------

  appendArchive(entry: Omit<ArchiveEntry, 'seq' | 'msgid' | 'msgtime' | 'action' | 'msgtype'>): ArchiveEntry {
    const full: ArchiveEntry = {
      seq: this.archive.length + 1,
      msgid: `${this.nextId('archive', '', 20)}_${this.nowMs()}_external`,
      action: 'send',
      msgtime: this.nowMs(),
      msgtype: 'text',
      ...entry,
    }
    this.archive.push(full)
    return full
  }

  // ---- contact ways -------------------------------------------------------------------------

  contactWayByState(state: string): ContactWay | undefined {
    if (!state) return undefined
    return [...this.contactWays.values()].find((way) => way.state === state)
  }

  // ---- welcome messages ---------------------------------------------------------------------

  /** A welcome code works once, within the window after the add event. */
  useWelcomeCode(code: string | undefined): WelcomeCode {
    if (!code) throw new WecomError(40058, 'welcome_code is required')
    const found = this.welcomeCodes.get(code)
    if (!found) throw new WecomError(40058, 'unknown welcome_code')
    const windowMs = this.#options.welcomeWindowSeconds * 1000
    if (found.used_at !== null || this.nowMs() - found.issued_at > windowMs) throw new WecomError(41051)
    found.used_at = this.nowMs()
    return found
  }
}

function hashHex(input: string): string {
  return createHash('sha256').update(input).digest('hex')
}

/** Letters and digits only, as WeCom's ids are. */
function hashId(input: string, length: number): string {
  let out = ''
  let round = 0
  while (out.length < length) {
    out += createHash('sha256').update(`${input}#${round++}`).digest('base64').replace(/[^A-Za-z0-9]/g, '')
  }
  return out.slice(0, length)
}
