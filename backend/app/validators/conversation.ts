import vine from '@vinejs/vine'
import { paginationFields } from '#validators/pagination'
import { isoInstant } from '#validators/order'
import { CONVERSATION_FILTERS, MAX_TEXT_LENGTH, MessageType, QUICK_REPLY_SCOPES } from '#enums/conversation'

const id = () => vine.number({ strict: true }).withoutDecimals().positive()
const seq = () => vine.number({ strict: true }).withoutDecimals().min(0)
/** A client's own id for a message (a UUID, say): what makes a retried send store nothing. */
const clientMsgId = () => vine.string().trim().minLength(1).maxLength(64).regex(/^[\w.:-]+$/)
/** Only web links: a `javascript:` or `data:` URL never reaches a bubble. */
const webUrl = () => vine.string().trim().maxLength(1000).url({ protocols: ['http', 'https'], require_tld: false })

export const sendMessageValidator = vine.compile(
  vine.object({
    conversation_id: id(),
    client_msg_id: clientMsgId(),
    type: vine.enum(Object.values(MessageType)),
    body: vine.object({}).allowUnknownProperties(),
  })
)

/** `POST /conversations/:id/messages`: the REST twin of `message:send`. */
export const restSendMessageValidator = vine.compile(
  vine.object({
    client_msg_id: clientMsgId(),
    type: vine.enum(Object.values(MessageType)),
    body: vine.object({}).allowUnknownProperties(),
  })
)

/**
 * Bodies by message type, validated as `{body: ...}` so errors name `body.text` and so on;
 * what is stored is what the validator returns (unknown keys dropped).
 */
const bodyOf = <T extends Record<string, any>>(properties: T) => vine.compile(vine.object({ body: vine.object(properties) }))

export const messageBodyValidators = {
  [MessageType.Text]: bodyOf({ text: vine.string().trim().minLength(1).maxLength(MAX_TEXT_LENGTH) }),
  [MessageType.Image]: bodyOf({
    url: webUrl(),
    width: vine.number().withoutDecimals().min(1).max(20000).optional(),
    height: vine.number().withoutDecimals().min(1).max(20000).optional(),
  }),
  [MessageType.Link]: bodyOf({
    url: webUrl(),
    title: vine.string().trim().maxLength(200).optional(),
    description: vine.string().trim().maxLength(500).optional(),
    image_url: webUrl().optional(),
  }),
  [MessageType.Product]: bodyOf({ sku: vine.string().trim().minLength(1).maxLength(64) }),
} as const

export const seenValidator = vine.compile(vine.object({ conversation_id: id(), seq: seq() }))

export const typingValidator = vine.compile(vine.object({ conversation_id: id() }))

export const readValidator = vine.compile(vine.object({ seq: seq() }))

export const messagePageValidator = vine.compile(
  vine.object({
    after_seq: vine.number().withoutDecimals().min(0).optional(),
    before_seq: vine.number().withoutDecimals().min(1).optional(),
    limit: vine.number().withoutDecimals().min(1).max(200).optional(),
  })
)

export const listConversationsValidator = vine.compile(
  vine.object({
    ...paginationFields,
    filter: vine.enum(CONVERSATION_FILTERS).optional(),
    /** With filter=waiting: only members waiting longer than this (the inbox uses 10). */
    waiting_minutes: vine.number().withoutDecimals().min(0).max(100_000).optional(),
    q: vine.string().trim().maxLength(64).optional(),
    kind: vine.enum(['direct', 'group'] as const).optional(),
  })
)


export const memberSessionValidator = vine.compile(vine.object({ ticket: vine.string().trim().minLength(1).maxLength(200) }))

export const transferValidator = vine.compile(vine.object({ staff_id: id() }))

export const sendCouponValidator = vine.compile(vine.object({ template_id: id(), client_msg_id: clientMsgId() }))

export const statsValidator = vine.compile(
  vine.object({ from: isoInstant().optional(), to: isoInstant().optional(), store_id: vine.number().withoutDecimals().positive().optional() })
)

export const createGroupValidator = vine.compile(
  vine.object({
    title: vine.string().trim().minLength(1).maxLength(100),
    store_id: id().optional(),
    member_ids: vine.array(id()).maxLength(500).distinct(),
  })
)

export const groupMembersValidator = vine.compile(vine.object({ member_ids: vine.array(id()).minLength(1).maxLength(500).distinct() }))

const category = () => vine.string().trim().minLength(1).maxLength(50)
const replyTitle = () => vine.string().trim().minLength(1).maxLength(100)
const replyContent = () => vine.string().trim().minLength(1).maxLength(MAX_TEXT_LENGTH)

export const listQuickRepliesValidator = vine.compile(
  vine.object({
    ...paginationFields,
    q: vine.string().trim().maxLength(64).optional(),
    category: category().optional(),
    scope: vine.enum(QUICK_REPLY_SCOPES).optional(),
  })
)

export const createQuickReplyValidator = vine.compile(
  vine.object({
    scope: vine.enum(QUICK_REPLY_SCOPES),
    store_id: id().nullable().optional(),
    category: category().nullable().optional(),
    title: replyTitle(),
    content: replyContent(),
  })
)

export const updateQuickReplyValidator = vine.compile(
  vine.object({ category: category().nullable().optional(), title: replyTitle().optional(), content: replyContent().optional() })
)

export const useQuickReplyValidator = vine.compile(vine.object({ member_id: id().optional(), conversation_id: id().optional() }))

export const productSearchValidator = vine.compile(vine.object({ ...paginationFields, q: vine.string().trim().maxLength(64).optional() }))
