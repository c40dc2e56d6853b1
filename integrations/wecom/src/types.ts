/*
 * Requests and answers of the WeCom "客户联系" (externalcontact) API, with WeCom's own snake_case
 * field names, so that a field here can be looked up in WeCom's documentation as it is.
 * Answers are typed without the errcode/errmsg envelope, which the client strips.
 */

/** Every WeCom answer carries these; 0 is success. */
export interface WecomEnvelope {
  errcode: number
  errmsg: string
}

export interface GetTokenAnswer extends WecomEnvelope {
  access_token: string
  expires_in: number
}

// ---- customers -------------------------------------------------------------------------------

/** 1 a WeChat user, 2 a WeCom user (of another corp). */
export type ExternalContactType = 1 | 2
/** 0 unknown, 1 male, 2 female. */
export type Gender = 0 | 1 | 2

export interface ExternalContact {
  external_userid: string
  name: string
  avatar?: string
  type: ExternalContactType
  gender?: Gender
  /** Only when the corp has bound a WeChat open platform account. */
  unionid?: string
  position?: string
  corp_name?: string
  corp_full_name?: string
  external_profile?: Record<string, unknown>
}

/** A corp tag on a follow relation; type 1 corp tag, 2 personal tag, 3 rule-group tag. */
export interface FollowUserTag {
  group_name?: string
  tag_name?: string
  tag_id?: string
  type: 1 | 2 | 3
}

/** One staff member's relation with a customer, as externalcontact/get answers it. */
export interface FollowUser {
  userid: string
  remark?: string
  description?: string
  /** Seconds since the epoch. */
  createtime: number
  tags?: FollowUserTag[]
  remark_corp_name?: string
  remark_mobiles?: string[]
  oper_userid?: string
  add_way?: number
  /** The contact way's state the customer came through. */
  state?: string
}

export interface ContactDetail {
  external_contact: ExternalContact
  follow_user: FollowUser[]
  /** Present when the customer has more follow users than one answer holds. */
  next_cursor?: string
}

export interface BatchGetByUserRequest {
  /** At most 100. */
  userid_list: string[]
  cursor?: string
  /** At most 100. */
  limit?: number
}

/** The follow relation as batch/get_by_user answers it: tag ids instead of tag objects. */
export interface FollowInfo {
  userid: string
  remark?: string
  description?: string
  createtime: number
  tag_id?: string[]
  remark_corp_name?: string
  remark_mobiles?: string[]
  oper_userid?: string
  add_way?: number
  state?: string
}

export interface BatchGetByUserAnswer {
  external_contact_list: { external_contact: ExternalContact; follow_info: FollowInfo }[]
  /** Empty (or absent) on the last page. */
  next_cursor?: string
}

// ---- corp tags -------------------------------------------------------------------------------

export interface CorpTag {
  id: string
  name: string
  create_time: number
  order: number
  deleted?: boolean
}

export interface CorpTagGroup {
  group_id: string
  group_name: string
  create_time: number
  order: number
  deleted?: boolean
  tag: CorpTag[]
}

export interface GetCorpTagListRequest {
  tag_id?: string[]
  group_id?: string[]
}

export interface AddCorpTagRequest {
  /** An existing group; otherwise group_name creates one. */
  group_id?: string
  group_name?: string
  order?: number
  tag: { name: string; order?: number }[]
  agentid?: number
}

export interface EditCorpTagRequest {
  /** A tag or a tag group id. */
  id: string
  name?: string
  order?: number
  agentid?: number
}

export interface DelCorpTagRequest {
  tag_id?: string[]
  group_id?: string[]
  agentid?: number
}

export interface MarkTagRequest {
  userid: string
  external_userid: string
  add_tag?: string[]
  remove_tag?: string[]
}

// ---- customer groups -------------------------------------------------------------------------

/** 0 all, 1 handover pending (owner resigned), 2 handover done, 3 handover in progress. */
export type GroupChatStatus = 0 | 1 | 2 | 3

export interface ListGroupChatsRequest {
  status_filter?: GroupChatStatus
  owner_filter?: { userid_list: string[] }
  cursor?: string
  /** At most 1000. */
  limit: number
}

export interface ListGroupChatsAnswer {
  group_chat_list: { chat_id: string; status: GroupChatStatus }[]
  next_cursor?: string
}

export interface GroupChatMember {
  userid: string
  /** 1 staff member, 2 external contact. */
  type: 1 | 2
  unionid?: string
  join_time: number
  /** 1 invited directly, 2 invited by link, 3 joined by QR code. */
  join_scene: number
  invitor?: { userid: string }
  group_nickname?: string
  name?: string
}

export interface GroupChat {
  chat_id: string
  name: string
  owner: string
  create_time: number
  notice?: string
  member_list: GroupChatMember[]
  admin_list?: { userid: string }[]
  member_version?: string
}

// ---- contact ways (channel codes) ------------------------------------------------------------

export interface ContactWayConclusions {
  text?: { content: string }
  image?: { media_id?: string; pic_url?: string }
  link?: { title: string; picurl?: string; desc?: string; url: string }
  miniprogram?: { title: string; pic_media_id: string; appid: string; page: string }
}

export interface AddContactWayRequest {
  /** 1 single staff member, 2 several. */
  type: 1 | 2
  /** 1 mini-program button, 2 QR code. */
  scene: 1 | 2
  style?: number
  remark?: string
  skip_verify?: boolean
  /** At most 30 characters; comes back in add_external_contact callbacks. */
  state?: string
  user?: string[]
  party?: number[]
  is_temp?: boolean
  expires_in?: number
  chat_expires_in?: number
  unionid?: string
  conclusions?: ContactWayConclusions
}

export interface AddContactWayAnswer {
  config_id: string
  qr_code?: string
}

export interface UpdateContactWayRequest {
  config_id: string
  remark?: string
  skip_verify?: boolean
  style?: number
  state?: string
  user?: string[]
  party?: number[]
  expires_in?: number
  chat_expires_in?: number
  unionid?: string
  conclusions?: ContactWayConclusions
}

// ---- messages --------------------------------------------------------------------------------

export type MessageAttachment =
  | { msgtype: 'image'; image: { media_id?: string; pic_url?: string } }
  | { msgtype: 'link'; link: { title: string; picurl?: string; desc?: string; url: string } }
  | { msgtype: 'miniprogram'; miniprogram: { title: string; pic_media_id: string; appid: string; page: string } }
  | { msgtype: 'video'; video: { media_id: string } }
  | { msgtype: 'file'; file: { media_id: string } }

export interface SendWelcomeMsgRequest {
  /** From the add_external_contact callback; valid 20 seconds, once. */
  welcome_code: string
  text?: { content: string }
  /** At most 9. */
  attachments?: MessageAttachment[]
}

export interface AddMsgTemplateRequest {
  chat_type?: 'single' | 'group'
  /** At most 10,000. */
  external_userid?: string[]
  /** At most 2,000. */
  chat_id_list?: string[]
  tag_filter?: { group_list: { tag_list: string[] }[] }
  sender?: string
  allow_select?: boolean
  /** At most 4,000 bytes. */
  text?: { content: string }
  attachments?: MessageAttachment[]
}

export interface AddMsgTemplateAnswer {
  /** Recipients that cannot receive it (not a customer of the sender, ...). */
  fail_list: string[]
  msgid: string
}

export interface GroupMsgTaskRequest {
  msgid: string
  limit?: number
  cursor?: string
}

export interface GroupMsgTaskAnswer {
  /** status 0 not sent yet, 1 sent by the staff member. */
  task_list: { userid: string; status: number; send_time?: number }[]
  next_cursor?: string
}

export interface GroupMsgSendResultRequest {
  msgid: string
  userid: string
  limit?: number
  cursor?: string
}

export interface GroupMsgSendResultAnswer {
  /** status 0 unsent, 1 sent, 2 not a customer, 3 already received one (limit). */
  send_list: { external_userid?: string; chat_id?: string; userid: string; status: number; send_time?: number }[]
  next_cursor?: string
}

// ---- handover (transfers) --------------------------------------------------------------------

export interface TransferCustomerRequest {
  handover_userid: string
  takeover_userid: string
  /** At most 100. */
  external_userid: string[]
  transfer_success_msg?: string
}

export interface ResignedTransferCustomerRequest {
  handover_userid: string
  takeover_userid: string
  /** At most 100. */
  external_userid: string[]
}

export interface TransferCustomerAnswer {
  /** errcode 0 accepted; otherwise why this customer cannot be transferred. */
  customer: { external_userid: string; errcode: number }[]
}

export interface TransferResultRequest {
  handover_userid: string
  takeover_userid: string
  cursor?: string
}

/** 1 done, 2 waiting, 3 refused by the customer, 4 takeover has too many, 5 no record. */
export type TransferStatus = 1 | 2 | 3 | 4 | 5

export interface TransferResultAnswer {
  customer: { external_userid: string; status: TransferStatus; takeover_time?: number }[]
  next_cursor?: string
}

export interface UnassignedListRequest {
  cursor?: string
  page_size?: number
}

export interface UnassignedListAnswer {
  info: { handover_userid: string; external_userid: string; dimission_time: number }[]
  is_last?: boolean
  next_cursor?: string
}

export interface TransferGroupChatRequest {
  chat_id_list: string[]
  new_owner: string
}

export interface TransferGroupChatAnswer {
  failed_chat_list: { chat_id: string; errcode: number; errmsg: string }[]
}
