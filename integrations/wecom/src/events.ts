/*
 * The callback events WeCom sends about customers (change_external_contact), customer groups
 * (change_external_chat) and corp tags (change_external_tag), parsed from the decrypted XML into
 * typed objects; and the reverse, the plaintext WeCom would send for an event (the simulator
 * encrypts it and calls back with it). parseCallbackEvent(buildCallbackXml(corp, e)) equals e.
 */
import { buildXml, parseXml, type XmlObject, type XmlValue } from './xml.js'

export const CONTACT_CHANGE_TYPES = [
  'add_external_contact',
  'edit_external_contact',
  'add_half_external_contact',
  'del_external_contact',
  'del_follow_user',
  'transfer_fail',
] as const
export type ContactChangeType = (typeof CONTACT_CHANGE_TYPES)[number]

export const CHAT_CHANGE_TYPES = ['create', 'update', 'dismiss'] as const
export type ChatChangeType = (typeof CHAT_CHANGE_TYPES)[number]

export const CHAT_UPDATE_DETAILS = [
  'add_member',
  'del_member',
  'change_owner',
  'change_name',
  'change_notice',
] as const
export type ChatUpdateDetail = (typeof CHAT_UPDATE_DETAILS)[number]

export const TAG_CHANGE_TYPES = ['create', 'update', 'delete', 'shuffle'] as const
export type TagChangeType = (typeof TAG_CHANGE_TYPES)[number]

export const TAG_TYPES = ['tag', 'tag_group'] as const
export type TagType = (typeof TAG_TYPES)[number]

/** A customer was added, edited or lost by a staff member, or a transfer failed. */
export interface ContactEvent {
  kind: 'contact'
  changeType: ContactChangeType
  userId: string
  externalUserId: string
  /** The `state` of the contact way (channel code) the customer came through. */
  state?: string
  /** Valid for 20 seconds, once: send_welcome_msg. */
  welcomeCode?: string
  /** del_external_contact: DELETE_BY_TRANSFER when a transfer removed the relation. */
  source?: string
  /** transfer_fail: customer_refused | customer_limit_exceed. */
  failReason?: string
  createTime: number
}

/** A customer group was created, changed or dismissed. */
export interface ChatEvent {
  kind: 'chat'
  changeType: ChatChangeType
  chatId: string
  updateDetail?: ChatUpdateDetail
  joinScene?: number
  quitScene?: number
  memChangeCnt?: number
  /** The userids / external userids that joined or left; empty unless members changed. */
  memChangeList: string[]
  lastMemVer?: string
  curMemVer?: string
  createTime: number
}

/** A corp tag or tag group was created, changed, deleted, or a group's tags re-ordered. */
export interface TagEvent {
  kind: 'tag'
  changeType: TagChangeType
  /** The tag or group id; for shuffle the group id, or '' when every group was re-ordered. */
  id: string
  tagType: TagType
  strategyId?: string
  createTime: number
}

/** Anything else (other events, plain messages): kept so the caller can log and skip it. */
export interface OtherEvent {
  kind: 'other'
  msgType: string
  event?: string
  createTime: number
}

export type WecomEvent = ContactEvent | ChatEvent | TagEvent | OtherEvent

/**
 * Parses a decrypted callback message. Throws on anything that is not WeCom's `<xml>` document,
 * or on a known event that lacks a field it always carries (UserID, ChatId, CreateTime, ...).
 * An unknown event, or a known one with an unknown ChangeType, is `kind: 'other'`.
 */
export function parseCallbackEvent(xml: string): WecomEvent {
  const fields = parseXml(xml)
  const createTime = Number(required(fields, 'CreateTime'))
  if (!Number.isFinite(createTime)) throw new Error('CreateTime is not a number')
  const msgType = text(fields, 'MsgType') ?? ''
  const event = text(fields, 'Event')
  const changeType = text(fields, 'ChangeType')

  if (msgType === 'event' && event === 'change_external_contact' && isOneOf(CONTACT_CHANGE_TYPES, changeType)) {
    return {
      kind: 'contact',
      changeType,
      userId: required(fields, 'UserID'),
      externalUserId: required(fields, 'ExternalUserID'),
      ...optional('state', text(fields, 'State')),
      ...optional('welcomeCode', text(fields, 'WelcomeCode')),
      ...optional('source', text(fields, 'Source')),
      ...optional('failReason', text(fields, 'FailReason')),
      createTime,
    }
  }

  if (msgType === 'event' && event === 'change_external_chat' && isOneOf(CHAT_CHANGE_TYPES, changeType)) {
    const updateDetail = text(fields, 'UpdateDetail')
    return {
      kind: 'chat',
      changeType,
      chatId: required(fields, 'ChatId'),
      ...optional('updateDetail', isOneOf(CHAT_UPDATE_DETAILS, updateDetail) ? updateDetail : undefined),
      ...optional('joinScene', integer(fields, 'JoinScene')),
      ...optional('quitScene', integer(fields, 'QuitScene')),
      ...optional('memChangeCnt', integer(fields, 'MemChangeCnt')),
      memChangeList: items(fields.MemChangeList),
      ...optional('lastMemVer', text(fields, 'LastMemVer')),
      ...optional('curMemVer', text(fields, 'CurMemVer')),
      createTime,
    }
  }

  if (msgType === 'event' && event === 'change_external_tag' && isOneOf(TAG_CHANGE_TYPES, changeType)) {
    const tagType = text(fields, 'TagType')
    return {
      kind: 'tag',
      changeType,
      // shuffle names the re-ordered group, or nothing when every group was re-ordered
      id: changeType === 'shuffle' ? (text(fields, 'Id') ?? '') : required(fields, 'Id'),
      // shuffle carries no TagType: what it names is always a group
      tagType: isOneOf(TAG_TYPES, tagType) ? tagType : 'tag_group',
      ...optional('strategyId', text(fields, 'StrategyId')),
      createTime,
    }
  }

  return { kind: 'other', msgType, ...optional('event', event), createTime }
}

/**
 * The plaintext XML WeCom sends for an event, addressed to a corp, fields in the order of
 * WeCom's documentation. Optional fields that are undefined are left out.
 */
export function buildCallbackXml(corpId: string, event: WecomEvent): string {
  const head = { ToUserName: corpId, FromUserName: 'sys', CreateTime: event.createTime }
  switch (event.kind) {
    case 'contact':
      return buildXml(
        defined({
          ...head,
          MsgType: 'event',
          Event: 'change_external_contact',
          ChangeType: event.changeType,
          UserID: event.userId,
          ExternalUserID: event.externalUserId,
          State: event.state,
          WelcomeCode: event.welcomeCode,
          Source: event.source,
          FailReason: event.failReason,
        })
      )
    case 'chat':
      return buildXml(
        defined({
          ...head,
          MsgType: 'event',
          Event: 'change_external_chat',
          ChatId: event.chatId,
          ChangeType: event.changeType,
          UpdateDetail: event.updateDetail,
          JoinScene: event.joinScene,
          QuitScene: event.quitScene,
          MemChangeCnt: event.memChangeCnt,
          MemChangeList: event.memChangeList.length > 0 ? { Item: event.memChangeList } : undefined,
          LastMemVer: event.lastMemVer,
          CurMemVer: event.curMemVer,
        })
      )
    case 'tag':
      return buildXml(
        defined({
          ...head,
          MsgType: 'event',
          Event: 'change_external_tag',
          Id: event.id,
          TagType: event.tagType,
          StrategyId: event.strategyId,
          ChangeType: event.changeType,
        })
      )
    case 'other':
      return buildXml(defined({ ...head, MsgType: event.msgType, Event: event.event }))
  }
}

function text(fields: XmlObject, name: string): string | undefined {
  const value = fields[name]
  return typeof value === 'string' ? value : undefined
}

function required(fields: XmlObject, name: string): string {
  const value = text(fields, name)
  if (value === undefined || value === '') throw new Error(`The WeCom callback lacks ${name}`)
  return value
}

function integer(fields: XmlObject, name: string): number | undefined {
  const value = text(fields, name)
  if (value === undefined || value === '') return undefined
  const parsed = Number(value)
  return Number.isInteger(parsed) ? parsed : undefined
}

/** `<MemChangeList><Item>a</Item>...</MemChangeList>`: one Item parses as a string, several as an array. */
function items(list: XmlValue | undefined): string[] {
  if (!list || typeof list !== 'object' || Array.isArray(list)) return []
  const item = list.Item
  const all = Array.isArray(item) ? item : [item]
  return all.filter((value): value is string => typeof value === 'string' && value !== '')
}

function isOneOf<T extends string>(allowed: readonly T[], value: string | undefined): value is T {
  return value !== undefined && (allowed as readonly string[]).includes(value)
}

/** `{ key: value }` when value is defined, `{}` otherwise, so absent fields stay absent keys. */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V }
}

function defined(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined))
}
