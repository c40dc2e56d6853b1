/*
 * A stand-in for WeCom: its HTTP API (server.ts) over an in-memory corp (state.ts), and the
 * things that happen inside WeCom clients (a customer scans a channel code, a member leaves a
 * group, a staff member presses "send" on a mass message) as acting methods. Each of those sends
 * the encrypted callback WeCom would send, exactly once, and resolves after delivery; changes
 * made through the API send none, as at WeCom.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { ChatEvent, ContactEvent, TagEvent } from '../events.js'
import { type CallbackConfig, type CallbackDelivery, CallbackSender } from './callbacks.js'
import { Faults, type RequestLogEntry, UnknownActionError, createRequestListener } from './server.js'
import {
  type ArchiveEntry,
  type ContactWay,
  type ExternalContact,
  type Follow,
  type GroupChat,
  type MarkTagCall,
  type MassMessage,
  type NewGroupMember,
  type StaffMember,
  type TagGroup,
  type Transfer,
  type WelcomeCode,
  type WelcomeMessage,
  SimulatorState,
  generatedName,
} from './state.js'

export type { CallbackConfig, CallbackDelivery, DeliveryAttempt } from './callbacks.js'
export { Faults, normalizePath, type RequestLogEntry } from './server.js'
export type {
  ArchiveEntry,
  ContactWay,
  CorpTag,
  ExternalContact,
  Follow,
  GroupChat,
  GroupMember,
  MarkTagCall,
  MassMessage,
  MassSendResult,
  MassTask,
  NewGroupMember,
  StaffMember,
  TagGroup,
  Transfer,
  TransferKind,
  WelcomeCode,
  WelcomeMessage,
} from './state.js'
export { ERRMSG } from './state.js'
export { runScenario, type ScenarioMember, type ScenarioOptions } from './scenario.js'

export interface SimulatorOptions {
  /** 0 picks a free port. Default 3399. */
  port?: number
  /** Default 127.0.0.1. */
  host?: string
  /** The base URL others reach the simulator at (QR code links); default http://{host}:{port}. */
  publicUrl?: string
  corpId: string
  secret: string
  /** Default '1000002'. */
  agentId?: string
  /** Default 7200, as at WeCom. */
  tokenTtlSeconds?: number
  /** Where callbacks go; without it the acting methods change state and deliver nothing. */
  callback?: CallbackConfig | null
  /** How long a welcome code stays usable. Default 20, as at WeCom. */
  welcomeWindowSeconds?: number
  /** Resigned-staff transfers complete on their own after this long (default 1000 ms). */
  resignedTransferDelayMs?: number
  /** The clock (milliseconds) for token expiry, welcome windows and timestamps. Default Date.now. */
  now?: () => number
}

export interface CustomerAddsInput {
  userid: string
  external_userid?: string
  name: string
  unionid?: string
  gender?: 0 | 1 | 2
  avatar?: string
  /** 1 WeChat user (default), 2 WeCom user. */
  type?: 1 | 2
  corp_name?: string
  /** The contact way's state (channel code) the customer came through. */
  state?: string
  remark?: string
  description?: string
  remark_mobiles?: string[]
  /** WeCom's add_way; default 1 (scanned a QR code) with a state, 0 without. */
  add_way?: number
  /** Added through a skip-verify way, not yet confirmed: add_half_external_contact. */
  half?: boolean
}

export interface ContactEdits {
  remark?: string
  description?: string
  remark_mobiles?: string[]
  add_tag?: string[]
  remove_tag?: string[]
}

export interface Delivered {
  delivery: CallbackDelivery
}

export interface SimulatorFaults {
  /** The next `times` calls of the path ('/cgi-bin/externalcontact/list', or '*') answer errcode. */
  failNext(path: string, errcode: number, times?: number): void
  /** Every API answer waits `ms` (0 stops it). */
  delay(ms: number): void
  /** Every access token issued so far answers 42001. */
  expireTokens(): void
  reset(): void
}

/**
 * Read-only views for tests: each collection is an array, in the order things happened (the
 * objects are the simulator's own: do not change them), plus lookups by id.
 */
export interface SimulatorStateView {
  readonly staff: readonly StaffMember[]
  readonly contacts: readonly ExternalContact[]
  contact(externalUserid: string): ExternalContact | undefined
  /** Every follow relation, contact by contact. */
  readonly follows: readonly Follow[]
  follow(userid: string, externalUserid: string): Follow | undefined
  readonly groups: readonly GroupChat[]
  group(chatId: string): GroupChat | undefined
  /** Tag groups, each with its tags. */
  readonly tags: readonly TagGroup[]
  readonly welcomeCodes: readonly WelcomeCode[]
  readonly welcomeMessages: readonly WelcomeMessage[]
  readonly markTagCalls: readonly MarkTagCall[]
  readonly contactWays: readonly ContactWay[]
  readonly massMessages: readonly MassMessage[]
  massMessage(msgid: string): MassMessage | undefined
  readonly transfers: readonly Transfer[]
  /** Every callback sent, with the status each attempt was answered. */
  readonly callbacks: readonly CallbackDelivery[]
  readonly archive: readonly ArchiveEntry[]
  /** Every API call answered (most recent 10,000), with its errcode. */
  readonly requests: readonly RequestLogEntry[]
  /** How many times gettoken answered a token. */
  readonly tokensIssued: number
}

export interface Simulator {
  readonly url: string
  readonly port: number
  readonly corpId: string
  readonly secret: string
  readonly agentId: string
  close(): Promise<void>

  /** Points callbacks somewhere else (or nowhere) from now on. */
  setCallback(config: CallbackConfig | null): void
  /** WeCom's URL check: GET with an encrypted echostr; ok when the body is the decrypted echostr. */
  verifyCallbackUrl(): Promise<{ ok: boolean; status: number | null; body: string; expected: string }>

  addStaff(input: { userid: string; name: string }): StaffMember
  /** The member leaves the corp: its customers wait for get_unassigned_list / resigned transfer. */
  staffResigns(userid: string): void

  customerAdds(input: CustomerAddsInput): Promise<{ external_userid: string; welcome_code: string } & Delivered>
  /** The customer deletes the staff member (del_follow_user). */
  customerDeletes(userid: string, externalUserid: string): Promise<Delivered>
  /** The staff member deletes the customer (del_external_contact). */
  staffDeletes(userid: string, externalUserid: string): Promise<Delivered>
  staffEditsContact(userid: string, externalUserid: string, edits: ContactEdits): Promise<Delivered>

  createGroup(input: { owner: string; name: string; members: NewGroupMember[]; notice?: string }): Promise<
    { chat_id: string } & Delivered
  >
  /** join_scene: 1 invited directly (default), 2 through a link, 3 scanned the group QR code. */
  joinGroup(chatId: string, members: NewGroupMember[], joinScene?: number, invitor?: string): Promise<
    { userids: string[] } & Delivered
  >
  /** quit_scene: 0 left on their own (default), 1 removed by the owner or an admin. */
  leaveGroup(chatId: string, ids: string[], quitScene?: number): Promise<Delivered>
  changeGroupOwner(chatId: string, userid: string): Promise<Delivered>
  renameGroup(chatId: string, name: string): Promise<Delivered>
  changeGroupNotice(chatId: string, notice: string): Promise<Delivered>
  dismissGroup(chatId: string): Promise<Delivered>

  /** An admin adds a tag in the WeCom admin console (a new group when group_name is new). */
  adminCreatesTag(input: { name: string; group_id?: string; group_name?: string; order?: number }): Promise<
    { tag_id: string; group_id: string } & Delivered
  >
  /** id: a tag id or a tag group id. */
  adminEditsTag(id: string, changes: { name?: string; order?: number }): Promise<Delivered>
  adminDeletesTag(id: string): Promise<Delivered>

  /** The staff member presses send: task status 1; each recipient 1 sent, 2 not a friend, 3 already had it. */
  confirmMassMessage(msgid: string, userid: string): { sent: number; failed: number }
  /**
   * Waiting transfers finish (status 1), except the customers in `refuse` (3, customer_refused)
   * and `limit` (4, customer_limit_exceed), which get a transfer_fail callback. Finished on-the-job
   * transfers send del_external_contact with Source DELETE_BY_TRANSFER to the handover.
   */
  completeTransfers(options?: { refuse?: string[]; limit?: string[]; kind?: 'onjob' | 'resigned' }): Promise<{
    done: string[]
    failed: string[]
    deliveries: CallbackDelivery[]
  }>

  customerWrites(externalUserid: string, userid: string, text: string): ArchiveEntry
  staffWrites(userid: string, externalUserid: string, text: string): ArchiveEntry
  groupMessage(chatId: string, from: string, text: string): ArchiveEntry

  /**
   * Bulk contacts without callbacks, spread over `userids` in turn. Ids are `{prefix}{000001}`
   * (prefix default 'wmseed'), numbered on from earlier seeds; names, genders, unionids and
   * createtimes follow from the number, so every run seeds the same data.
   */
  seedContacts(count: number, options: { userids: string[]; prefix?: string }): string[]

  readonly faults: SimulatorFaults
  readonly state: SimulatorStateView
}

const SEED_EPOCH = 1_704_067_200 // 2024-01-01T00:00:00Z

export async function createSimulator(options: SimulatorOptions): Promise<Simulator> {
  const host = options.host ?? '127.0.0.1'
  const agentId = options.agentId ?? '1000002'
  const state = new SimulatorState({
    corpId: options.corpId,
    secret: options.secret,
    tokenTtlSeconds: options.tokenTtlSeconds ?? 7200,
    welcomeWindowSeconds: options.welcomeWindowSeconds ?? 20,
    now: options.now ?? Date.now,
  })
  const callbacks = new CallbackSender(options.corpId, agentId, options.callback ?? null)
  const faults = new Faults(state)
  const requests: RequestLogEntry[] = []
  const timers = new Set<NodeJS.Timeout>()
  let seeded = 0
  let baseUrl = ''
  let port = 0

  const contactEvent = (
    changeType: ContactEvent['changeType'],
    userId: string,
    externalUserId: string,
    extra: Partial<Pick<ContactEvent, 'state' | 'welcomeCode' | 'source' | 'failReason'>> = {}
  ): ContactEvent => ({ kind: 'contact', changeType, userId, externalUserId, ...extra, createTime: state.nowSeconds() })

  const chatUpdate = (chatId: string, updateDetail: ChatEvent['updateDetail'], extra: Partial<ChatEvent> = {}): ChatEvent => ({
    kind: 'chat',
    changeType: 'update',
    chatId,
    updateDetail,
    memChangeList: [],
    ...extra,
    createTime: state.nowSeconds(),
  })

  const tagEvent = (changeType: TagEvent['changeType'], id: string, tagType: TagEvent['tagType']): TagEvent => ({
    kind: 'tag',
    changeType,
    id,
    tagType,
    createTime: state.nowSeconds(),
  })

  const deliver = async (event: ContactEvent | ChatEvent | TagEvent): Promise<Delivered> => ({
    delivery: await callbacks.send(event),
  })

  const requireStaffMember = (group: GroupChat, userid: string): void => {
    if (!group.member_list.some((member) => member.userid === userid && member.type === 1)) {
      throw new Error(`${userid} is not a staff member of ${group.chat_id}`)
    }
  }

  const finishTransfer = (transfer: Transfer): void => {
    const previous = state.follow(transfer.handover_userid, transfer.external_userid)
    if (previous) state.removeFollow(transfer.handover_userid, transfer.external_userid)
    if (!state.follow(transfer.takeover_userid, transfer.external_userid)) {
      const contact = state.contacts.get(transfer.external_userid)
      const { follow } = state.addContact({
        userid: transfer.takeover_userid,
        external_userid: transfer.external_userid,
        name: contact?.name ?? '',
        remark: previous?.remark,
        description: previous?.description,
        remark_mobiles: previous?.remark_mobiles,
        state: previous?.state,
        add_way: 202, // assigned by an admin or a manager
      })
      follow.tag_ids = [...(previous?.tag_ids ?? [])]
      follow.oper_userid = transfer.takeover_userid
    }
    transfer.status = 1
    transfer.takeover_time = state.nowSeconds()
  }

  const simulator: Simulator = {
    get url() {
      return baseUrl
    },
    get port() {
      return port
    },
    corpId: options.corpId,
    secret: options.secret,
    agentId,

    async close() {
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
      callbacks.abortAll()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    },

    setCallback(config) {
      callbacks.configure(config)
    },

    verifyCallbackUrl() {
      return callbacks.verifyUrl()
    },

    addStaff({ userid, name }) {
      return state.addStaff(userid, name)
    },

    staffResigns(userid) {
      state.resignStaff(userid)
    },

    async customerAdds(input) {
      const { contact, follow } = state.addContact({
        ...input,
        add_way: input.add_way ?? (input.state ? 1 : 0),
      })
      const welcomeCode = state.issueWelcomeCode(follow.userid, contact.external_userid)
      const event = contactEvent(
        input.half ? 'add_half_external_contact' : 'add_external_contact',
        follow.userid,
        contact.external_userid,
        { ...(input.state ? { state: input.state } : {}), welcomeCode }
      )
      return { external_userid: contact.external_userid, welcome_code: welcomeCode, ...(await deliver(event)) }
    },

    async customerDeletes(userid, externalUserid) {
      state.removeFollow(userid, externalUserid)
      return deliver(contactEvent('del_follow_user', userid, externalUserid))
    },

    async staffDeletes(userid, externalUserid) {
      state.removeFollow(userid, externalUserid)
      return deliver(contactEvent('del_external_contact', userid, externalUserid))
    },

    async staffEditsContact(userid, externalUserid, edits) {
      const follow = state.follow(userid, externalUserid)
      if (!follow) throw new Error(`${externalUserid} does not follow ${userid}`)
      if (edits.remark !== undefined) follow.remark = edits.remark
      if (edits.description !== undefined) follow.description = edits.description
      if (edits.remark_mobiles !== undefined) follow.remark_mobiles = [...edits.remark_mobiles]
      if (edits.add_tag || edits.remove_tag) state.applyTags(follow, edits.add_tag ?? [], edits.remove_tag ?? [])
      return deliver(contactEvent('edit_external_contact', userid, externalUserid))
    },

    async createGroup({ owner, name, members, notice }) {
      if (!state.staff.has(owner)) state.addStaff(owner, owner)
      const chatId = state.nextId('chat', 'wr', 30)
      const memberList = [state.newMember({ userid: owner }, 1)]
      for (const input of members) {
        const member = state.newMember(input, 1, owner)
        if (!memberList.some((existing) => existing.userid === member.userid)) memberList.push(member)
      }
      const group: GroupChat = {
        chat_id: chatId,
        name,
        owner,
        create_time: state.nowSeconds(),
        notice: notice ?? '',
        member_list: memberList,
        admin_list: [],
        member_version: state.nextMemberVersion(chatId),
        status: 0,
        dismissed: false,
      }
      state.groups.set(chatId, group)
      const event: ChatEvent = { kind: 'chat', changeType: 'create', chatId, memChangeList: [], createTime: state.nowSeconds() }
      return { chat_id: chatId, ...(await deliver(event)) }
    },

    async joinGroup(chatId, members, joinScene = 1, invitor) {
      const group = state.requireGroup(chatId)
      const added = members
        .map((input) => state.newMember(input, joinScene, joinScene === 3 ? undefined : (invitor ?? group.owner)))
        .filter((member) => !group.member_list.some((existing) => existing.userid === member.userid))
      if (added.length === 0) throw new Error(`Everyone is already in ${chatId}`)
      const lastMemVer = group.member_version
      group.member_list.push(...added)
      group.member_version = state.nextMemberVersion(chatId)
      const userids = added.map((member) => member.userid)
      const event = chatUpdate(chatId, 'add_member', {
        // the callback knows two ways in: invited (0, directly or by link) and the group QR code (3)
        joinScene: joinScene === 3 ? 3 : 0,
        memChangeCnt: userids.length,
        memChangeList: userids,
        lastMemVer,
        curMemVer: group.member_version,
      })
      return { userids, ...(await deliver(event)) }
    },

    async leaveGroup(chatId, ids, quitScene = 0) {
      const group = state.requireGroup(chatId)
      if (ids.includes(group.owner)) throw new Error('The owner cannot leave; change the owner or dismiss the group')
      const leaving = group.member_list.filter((member) => ids.includes(member.userid))
      if (leaving.length === 0) throw new Error(`None of ${ids.join(', ')} is in ${chatId}`)
      const lastMemVer = group.member_version
      group.member_list = group.member_list.filter((member) => !ids.includes(member.userid))
      group.admin_list = group.admin_list.filter((admin) => !ids.includes(admin.userid))
      group.member_version = state.nextMemberVersion(chatId)
      const userids = leaving.map((member) => member.userid)
      return deliver(
        chatUpdate(chatId, 'del_member', {
          quitScene,
          memChangeCnt: userids.length,
          memChangeList: userids,
          lastMemVer,
          curMemVer: group.member_version,
        })
      )
    },

    async changeGroupOwner(chatId, userid) {
      const group = state.requireGroup(chatId)
      requireStaffMember(group, userid)
      group.owner = userid
      return deliver(chatUpdate(chatId, 'change_owner'))
    },

    async renameGroup(chatId, name) {
      state.requireGroup(chatId).name = name
      return deliver(chatUpdate(chatId, 'change_name'))
    },

    async changeGroupNotice(chatId, notice) {
      state.requireGroup(chatId).notice = notice
      return deliver(chatUpdate(chatId, 'change_notice'))
    },

    async dismissGroup(chatId) {
      state.requireGroup(chatId).dismissed = true
      return deliver({ kind: 'chat', changeType: 'dismiss', chatId, memChangeList: [], createTime: state.nowSeconds() })
    },

    async adminCreatesTag({ name, group_id, group_name, order }) {
      const { group, added, newGroup } = state.addTags({ group_id, group_name, tag: [{ name, order }] })
      const tagId = added[0].id
      const event = newGroup ? tagEvent('create', group.group_id, 'tag_group') : tagEvent('create', tagId, 'tag')
      return { tag_id: tagId, group_id: group.group_id, ...(await deliver(event)) }
    },

    async adminEditsTag(id, changes) {
      const tagType = state.editTag(id, changes)
      return deliver(tagEvent('update', id, tagType))
    },

    async adminDeletesTag(id) {
      const isGroup = state.tagGroups.has(id)
      state.deleteTags(isGroup ? [] : [id], isGroup ? [id] : [])
      return deliver(tagEvent('delete', id, isGroup ? 'tag_group' : 'tag'))
    },

    confirmMassMessage(msgid, userid) {
      const message = state.massMessages.get(msgid)
      if (!message) throw new Error(`No mass message ${msgid}`)
      if (message.cancelled) throw new Error(`Mass message ${msgid} was cancelled`)
      const task = message.tasks.find((candidate) => candidate.userid === userid)
      if (!task) throw new Error(`${userid} has no task in ${msgid}`)
      if (task.status === 1) throw new Error(`${userid} already sent ${msgid}`)
      const now = state.nowSeconds()
      task.status = 1
      task.send_time = now
      let sent = 0
      for (const result of message.results) {
        if (result.userid !== userid || result.status !== 0) continue
        const received = message.results.some(
          (other) =>
            other !== result &&
            other.status === 1 &&
            other.external_userid !== '' &&
            other.external_userid === result.external_userid
        )
        const reachable = result.chat_id
          ? !state.groups.get(result.chat_id)?.dismissed
          : Boolean(state.follow(userid, result.external_userid))
        result.status = !reachable ? 2 : received ? 3 : 1
        result.send_time = now
        if (result.status === 1) sent += 1
      }
      const mine = message.results.filter((result) => result.userid === userid).length
      return { sent, failed: mine - sent }
    },

    async completeTransfers({ refuse = [], limit = [], kind } = {}) {
      const done: string[] = []
      const failed: string[] = []
      const deliveries: CallbackDelivery[] = []
      const waiting = state.transfers.filter((transfer) => transfer.status === 2 && (!kind || transfer.kind === kind))
      for (const transfer of waiting) {
        const reason = refuse.includes(transfer.external_userid)
          ? 'customer_refused'
          : limit.includes(transfer.external_userid)
            ? 'customer_limit_exceed'
            : null
        if (reason) {
          transfer.status = reason === 'customer_refused' ? 3 : 4
          failed.push(transfer.external_userid)
          const event = contactEvent('transfer_fail', transfer.takeover_userid, transfer.external_userid, { failReason: reason })
          deliveries.push((await deliver(event)).delivery)
          continue
        }
        finishTransfer(transfer)
        done.push(transfer.external_userid)
        if (transfer.kind === 'onjob') {
          const event = contactEvent('del_external_contact', transfer.handover_userid, transfer.external_userid, {
            source: 'DELETE_BY_TRANSFER',
          })
          deliveries.push((await deliver(event)).delivery)
        }
      }
      return { done, failed, deliveries }
    },

    customerWrites(externalUserid, userid, text) {
      return state.appendArchive({ from: externalUserid, tolist: [userid], roomid: '', text: { content: text } })
    },

    staffWrites(userid, externalUserid, text) {
      return state.appendArchive({ from: userid, tolist: [externalUserid], roomid: '', text: { content: text } })
    },

    groupMessage(chatId, from, text) {
      const group = state.requireGroup(chatId)
      const tolist = group.member_list.map((member) => member.userid).filter((userid) => userid !== from)
      return state.appendArchive({ from, tolist, roomid: chatId, text: { content: text } })
    },

    seedContacts(count, { userids, prefix = 'wmseed' }) {
      if (userids.length === 0) throw new Error('seedContacts needs userids')
      for (const userid of userids) if (!state.staff.has(userid)) state.addStaff(userid, userid)
      const ids: string[] = []
      for (let i = 0; i < count; i++) {
        const n = ++seeded
        const number = String(n).padStart(6, '0')
        const { contact } = state.addContact(
          {
            userid: userids[(n - 1) % userids.length],
            external_userid: `${prefix}${number}`,
            name: generatedName(n),
            gender: (n % 3) as 0 | 1 | 2,
            ...(n % 2 === 0 ? { unionid: `oSeedUnion${number}` } : {}),
            remark_mobiles: n % 5 === 0 ? [`1380000${String(n % 10_000).padStart(4, '0')}`] : [],
            add_way: 1,
          },
          SEED_EPOCH + n * 60
        )
        ids.push(contact.external_userid)
      }
      return ids
    },

    faults: {
      failNext: (path, errcode, times) => faults.failNext(path, errcode, times),
      delay: (ms) => faults.delay(ms),
      expireTokens: () => faults.expireTokens(),
      reset: () => faults.reset(),
    },

    state: {
      get staff() {
        return [...state.staff.values()]
      },
      get contacts() {
        return [...state.contacts.values()]
      },
      contact: (externalUserid) => state.contacts.get(externalUserid),
      get follows() {
        return [...state.follows.values()].flatMap((byUser) => [...byUser.values()])
      },
      follow: (userid, externalUserid) => state.follow(userid, externalUserid),
      get groups() {
        return [...state.groups.values()]
      },
      group: (chatId) => state.groups.get(chatId),
      get tags() {
        return [...state.tagGroups.values()]
      },
      get welcomeCodes() {
        return [...state.welcomeCodes.values()]
      },
      get welcomeMessages() {
        return state.welcomeMessages
      },
      get markTagCalls() {
        return state.markTagCalls
      },
      get contactWays() {
        return [...state.contactWays.values()]
      },
      get massMessages() {
        return [...state.massMessages.values()]
      },
      massMessage: (msgid) => state.massMessages.get(msgid),
      get transfers() {
        return state.transfers
      },
      get callbacks() {
        return callbacks.deliveries
      },
      get archive() {
        return state.archive
      },
      get requests() {
        return requests
      },
      get tokensIssued() {
        return state.tokensIssued
      },
    },
  }

  /** The acting methods that /__sim/{name} may run, and the faults. */
  const actions: Record<string, (...args: never[]) => unknown> = {
    addStaff: simulator.addStaff,
    staffResigns: simulator.staffResigns,
    customerAdds: simulator.customerAdds,
    customerDeletes: simulator.customerDeletes,
    staffDeletes: simulator.staffDeletes,
    staffEditsContact: simulator.staffEditsContact,
    createGroup: simulator.createGroup,
    joinGroup: simulator.joinGroup,
    leaveGroup: simulator.leaveGroup,
    changeGroupOwner: simulator.changeGroupOwner,
    renameGroup: simulator.renameGroup,
    changeGroupNotice: simulator.changeGroupNotice,
    dismissGroup: simulator.dismissGroup,
    adminCreatesTag: simulator.adminCreatesTag,
    adminEditsTag: simulator.adminEditsTag,
    adminDeletesTag: simulator.adminDeletesTag,
    confirmMassMessage: simulator.confirmMassMessage,
    completeTransfers: simulator.completeTransfers,
    customerWrites: simulator.customerWrites,
    staffWrites: simulator.staffWrites,
    groupMessage: simulator.groupMessage,
    seedContacts: (count: number, seedOptions: { userids: string[]; prefix?: string }) =>
      simulator.seedContacts(count, seedOptions).length,
    setCallback: simulator.setCallback,
    verifyCallbackUrl: simulator.verifyCallbackUrl,
    failNext: simulator.faults.failNext,
    delay: simulator.faults.delay,
    expireTokens: simulator.faults.expireTokens,
    resetFaults: simulator.faults.reset,
  }

  const views: Record<string, () => readonly unknown[]> = {
    staff: () => simulator.state.staff,
    contacts: () => simulator.state.contacts,
    follows: () => simulator.state.follows,
    groups: () => simulator.state.groups,
    tags: () => simulator.state.tags,
    welcomeMessages: () => simulator.state.welcomeMessages,
    markTagCalls: () => simulator.state.markTagCalls,
    contactWays: () => simulator.state.contactWays,
    massMessages: () => simulator.state.massMessages,
    transfers: () => simulator.state.transfers,
    callbacks: () => simulator.state.callbacks,
    archive: () => simulator.state.archive,
    requests: () => simulator.state.requests,
  }

  const server = createServer(
    createRequestListener({
      state,
      faults,
      requests,
      baseUrl: () => baseUrl,
      async act(name, args) {
        const action = Object.hasOwn(actions, name) ? actions[name] : undefined
        if (!action) throw new UnknownActionError(`No acting method ${name}; try one of ${Object.keys(actions).join(', ')}`)
        return action(...(args as never[]))
      },
      view(name) {
        if (name === null) {
          return {
            corpId: options.corpId,
            tokensIssued: state.tokensIssued,
            ...Object.fromEntries(Object.entries(views).map(([key, read]) => [key, read().length])),
          }
        }
        return Object.hasOwn(views, name) ? views[name]() : null
      },
      onTransfersRequested(kind) {
        if (kind !== 'resigned') return
        const timer = setTimeout(() => {
          timers.delete(timer)
          void simulator.completeTransfers({ kind: 'resigned' })
        }, options.resignedTransferDelayMs ?? 1000)
        timers.add(timer)
      },
    })
  )

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 3399, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  port = (server.address() as AddressInfo).port
  baseUrl = options.publicUrl?.replace(/\/+$/, '') ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  return simulator
}
