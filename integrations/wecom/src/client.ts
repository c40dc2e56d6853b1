/*
 * The WeCom API client for the customer-contact ("客户联系") endpoints.
 *
 * Access token: one per app secret, cached in a TokenStore shared by every process, refreshed
 * early, fetched by one process at a time (a lock, then a second look at the cache). A call that
 * WeCom answers with an invalid/expired token (40001, 40014, 42001) drops the cached token, fetches
 * a new one and is retried once. Busy (-1) and rate limits (45009, 45033), network errors,
 * timeouts and 5xx are retried with exponential backoff and jitter; other errcodes are
 * WecomApiError at once; failures that outlast the retries are WecomUnavailableError.
 */
import { createHash } from 'node:crypto'
import { RETRYABLE_ERRCODES, TOKEN_ERRCODES, WecomApiError, WecomUnavailableError } from './errors.js'
import type { TokenStore } from './token_store.js'
import type {
  AddContactWayAnswer,
  AddContactWayRequest,
  AddCorpTagRequest,
  AddMsgTemplateAnswer,
  AddMsgTemplateRequest,
  BatchGetByUserAnswer,
  BatchGetByUserRequest,
  ContactDetail,
  CorpTagGroup,
  DelCorpTagRequest,
  EditCorpTagRequest,
  GetCorpTagListRequest,
  GetTokenAnswer,
  GroupChat,
  GroupMsgSendResultAnswer,
  GroupMsgSendResultRequest,
  GroupMsgTaskAnswer,
  GroupMsgTaskRequest,
  ListGroupChatsAnswer,
  ListGroupChatsRequest,
  MarkTagRequest,
  ResignedTransferCustomerRequest,
  SendWelcomeMsgRequest,
  TransferCustomerAnswer,
  TransferCustomerRequest,
  TransferGroupChatAnswer,
  TransferGroupChatRequest,
  TransferResultAnswer,
  TransferResultRequest,
  UnassignedListAnswer,
  UnassignedListRequest,
  UpdateContactWayRequest,
} from './types.js'

export interface WecomClientOptions {
  /** https://qyapi.weixin.qq.com, or the simulator's url. */
  apiBase: string
  corpId: string
  /** The secret of the app whose token we use (the customer-contact secret). */
  secret: string
  store: TokenStore
  /** attempts: tries in all for a retryable failure (default 4); baseDelayMs: first backoff (default 200). */
  retry?: { attempts?: number; baseDelayMs?: number }
  /** Per request (default 10 s). */
  timeoutMs?: number
  /** Defaults to the global fetch; tests may wrap it. */
  fetch?: typeof fetch
}

type Query = Record<string, string | number | undefined>
type Answer = Record<string, unknown>
type Outcome = { answer: Answer } | { failure: unknown; retryable: boolean }

const EXTERNAL = '/cgi-bin/externalcontact'
const GETTOKEN = '/cgi-bin/gettoken'
/** How often a process waiting for another's token fetch looks at the cache. */
const TOKEN_POLL_MS = 50
const MAX_BACKOFF_MS = 30_000
/** externalcontact/list answers this, not an empty list, for a staff member without customers. */
const NO_EXTERNAL_CONTACT = 84061

export class WecomClient {
  readonly #apiBase: string
  readonly #corpId: string
  readonly #secret: string
  readonly #store: TokenStore
  readonly #attempts: number
  readonly #baseDelayMs: number
  readonly #timeoutMs: number
  readonly #fetch: typeof fetch
  readonly #tokenKey: string
  /** The token fetch in flight in this process, shared by the calls that need it meanwhile. */
  #pendingToken: Promise<string> | undefined

  constructor(options: WecomClientOptions) {
    this.#apiBase = options.apiBase.replace(/\/+$/, '')
    this.#corpId = options.corpId
    this.#secret = options.secret
    this.#store = options.store
    this.#attempts = Math.max(1, options.retry?.attempts ?? 4)
    this.#baseDelayMs = Math.max(0, options.retry?.baseDelayMs ?? 200)
    this.#timeoutMs = options.timeoutMs ?? 10_000
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init))
    const secretHash = createHash('sha1').update(options.secret).digest('hex').slice(0, 12)
    this.#tokenKey = `token:${options.corpId}:${secretHash}`
  }

  /**
   * POSTs JSON to any WeCom path (e.g. `/cgi-bin/msgaudit/...`) with the same token handling and
   * retries as the typed methods; answers the body without errcode/errmsg.
   */
  call<T = Answer>(path: string, body: unknown = {}): Promise<T> {
    return this.#request<T>('POST', path, {}, body)
  }

  // ---- customers -----------------------------------------------------------------------------

  /** The userids of the staff members allowed to have customers. */
  async getFollowUserList(): Promise<string[]> {
    const answer = await this.#request<{ follow_user?: string[] }>('GET', `${EXTERNAL}/get_follow_user_list`)
    return answer.follow_user ?? []
  }

  /** The external userids of one staff member's customers. */
  async listContacts(userid: string): Promise<string[]> {
    try {
      const answer = await this.#request<{ external_userid?: string[] }>('GET', `${EXTERNAL}/list`, { userid })
      return answer.external_userid ?? []
    } catch (error) {
      if (error instanceof WecomApiError && error.errcode === NO_EXTERNAL_CONTACT) return []
      throw error
    }
  }

  getContact(externalUserid: string, cursor?: string): Promise<ContactDetail> {
    return this.#request<ContactDetail>('GET', `${EXTERNAL}/get`, { external_userid: externalUserid, cursor })
  }

  batchGetByUser(request: BatchGetByUserRequest): Promise<BatchGetByUserAnswer> {
    return this.#request<BatchGetByUserAnswer>('POST', `${EXTERNAL}/batch/get_by_user`, {}, request)
  }

  // ---- corp tags -----------------------------------------------------------------------------

  async getCorpTagList(request: GetCorpTagListRequest = {}): Promise<CorpTagGroup[]> {
    const answer = await this.#request<{ tag_group?: CorpTagGroup[] }>(
      'POST',
      `${EXTERNAL}/get_corp_tag_list`,
      {},
      request
    )
    return answer.tag_group ?? []
  }

  async addCorpTag(request: AddCorpTagRequest): Promise<CorpTagGroup> {
    const answer = await this.#request<{ tag_group: CorpTagGroup }>('POST', `${EXTERNAL}/add_corp_tag`, {}, request)
    return answer.tag_group
  }

  async editCorpTag(request: EditCorpTagRequest): Promise<void> {
    await this.#request('POST', `${EXTERNAL}/edit_corp_tag`, {}, request)
  }

  async delCorpTag(request: DelCorpTagRequest): Promise<void> {
    await this.#request('POST', `${EXTERNAL}/del_corp_tag`, {}, request)
  }

  async markTag(request: MarkTagRequest): Promise<void> {
    await this.#request('POST', `${EXTERNAL}/mark_tag`, {}, request)
  }

  // ---- customer groups -----------------------------------------------------------------------

  listGroupChats(request: ListGroupChatsRequest): Promise<ListGroupChatsAnswer> {
    return this.#request<ListGroupChatsAnswer>('POST', `${EXTERNAL}/groupchat/list`, {}, request)
  }

  /** needName 1: members' names too. */
  async getGroupChat(chatId: string, needName: 0 | 1 = 1): Promise<GroupChat> {
    const answer = await this.#request<{ group_chat: GroupChat }>(
      'POST',
      `${EXTERNAL}/groupchat/get`,
      {},
      { chat_id: chatId, need_name: needName }
    )
    return answer.group_chat
  }

  // ---- contact ways (channel codes) ----------------------------------------------------------

  addContactWay(request: AddContactWayRequest): Promise<AddContactWayAnswer> {
    return this.#request<AddContactWayAnswer>('POST', `${EXTERNAL}/add_contact_way`, {}, request)
  }

  async updateContactWay(request: UpdateContactWayRequest): Promise<void> {
    await this.#request('POST', `${EXTERNAL}/update_contact_way`, {}, request)
  }

  async delContactWay(configId: string): Promise<void> {
    await this.#request('POST', `${EXTERNAL}/del_contact_way`, {}, { config_id: configId })
  }

  // ---- messages ------------------------------------------------------------------------------

  async sendWelcomeMsg(request: SendWelcomeMsgRequest): Promise<void> {
    await this.#request('POST', `${EXTERNAL}/send_welcome_msg`, {}, request)
  }

  /** Creates a mass message; each sender still confirms it in the WeCom app. */
  addMsgTemplate(request: AddMsgTemplateRequest): Promise<AddMsgTemplateAnswer> {
    return this.#request<AddMsgTemplateAnswer>('POST', `${EXTERNAL}/add_msg_template`, {}, request)
  }

  getGroupMsgTask(request: GroupMsgTaskRequest): Promise<GroupMsgTaskAnswer> {
    return this.#request<GroupMsgTaskAnswer>('POST', `${EXTERNAL}/get_groupmsg_task`, {}, request)
  }

  getGroupMsgSendResult(request: GroupMsgSendResultRequest): Promise<GroupMsgSendResultAnswer> {
    return this.#request<GroupMsgSendResultAnswer>('POST', `${EXTERNAL}/get_groupmsg_send_result`, {}, request)
  }

  async remindGroupMsgSend(msgid: string): Promise<void> {
    await this.#request('POST', `${EXTERNAL}/remind_groupmsg_send`, {}, { msgid })
  }

  async cancelGroupMsgSend(msgid: string): Promise<void> {
    await this.#request('POST', `${EXTERNAL}/cancel_groupmsg_send`, {}, { msgid })
  }

  // ---- handover ------------------------------------------------------------------------------

  /** Hands a serving staff member's customers over; each customer may refuse within 24 h. */
  transferCustomer(request: TransferCustomerRequest): Promise<TransferCustomerAnswer> {
    return this.#request<TransferCustomerAnswer>('POST', `${EXTERNAL}/transfer_customer`, {}, request)
  }

  transferResult(request: TransferResultRequest): Promise<TransferResultAnswer> {
    return this.#request<TransferResultAnswer>('POST', `${EXTERNAL}/transfer_result`, {}, request)
  }

  /** Hands a resigned staff member's customers over. */
  resignedTransferCustomer(request: ResignedTransferCustomerRequest): Promise<TransferCustomerAnswer> {
    return this.#request<TransferCustomerAnswer>('POST', `${EXTERNAL}/resigned/transfer_customer`, {}, request)
  }

  resignedTransferResult(request: TransferResultRequest): Promise<TransferResultAnswer> {
    return this.#request<TransferResultAnswer>('POST', `${EXTERNAL}/resigned/transfer_result`, {}, request)
  }

  /** Customers of resigned staff members not yet handed over. */
  getUnassignedList(request: UnassignedListRequest = {}): Promise<UnassignedListAnswer> {
    return this.#request<UnassignedListAnswer>('POST', `${EXTERNAL}/get_unassigned_list`, {}, request)
  }

  /** Groups of a resigned owner to a new owner. */
  transferGroupChat(request: TransferGroupChatRequest): Promise<TransferGroupChatAnswer> {
    return this.#request<TransferGroupChatAnswer>('POST', `${EXTERNAL}/groupchat/transfer`, {}, request)
  }

  /** Groups of a serving owner to a new owner. */
  onjobTransferGroupChat(request: TransferGroupChatRequest): Promise<TransferGroupChatAnswer> {
    return this.#request<TransferGroupChatAnswer>('POST', `${EXTERNAL}/groupchat/onjob_transfer`, {}, request)
  }

  // ---- plumbing ------------------------------------------------------------------------------

  /** A call with the access token; an invalid or expired token is replaced and the call retried once. */
  async #request<T>(method: 'GET' | 'POST', path: string, query: Query = {}, body?: unknown): Promise<T> {
    const token = await this.#token()
    try {
      return await this.#exchange<T>(method, path, { ...query, access_token: token }, body)
    } catch (error) {
      if (!(error instanceof WecomApiError) || !TOKEN_ERRCODES.includes(error.errcode)) throw error
      await this.#dropToken(token)
      const fresh = await this.#token()
      return await this.#exchange<T>(method, path, { ...query, access_token: fresh }, body)
    }
  }

  #token(): Promise<string> {
    this.#pendingToken ??= this.#obtainToken().finally(() => {
      this.#pendingToken = undefined
    })
    return this.#pendingToken
  }

  /** From the cache; or, holding the lock, fetched from WeCom; or waited for while another process fetches it. */
  async #obtainToken(): Promise<string> {
    const lockTtlMs = this.#worstCaseMs()
    const deadline = Date.now() + lockTtlMs
    for (;;) {
      const cached = await this.#store.get(this.#tokenKey)
      if (cached) return cached
      const release = await this.#store.lock(this.#tokenKey, lockTtlMs)
      if (release) {
        try {
          // another process may have stored one between our look and our lock
          const stored = await this.#store.get(this.#tokenKey)
          if (stored) return stored
          const answer = await this.#exchange<Omit<GetTokenAnswer, 'errcode' | 'errmsg'>>('GET', GETTOKEN, {
            corpid: this.#corpId,
            corpsecret: this.#secret,
          })
          await this.#store.set(this.#tokenKey, answer.access_token, cacheSeconds(answer.expires_in))
          return answer.access_token
        } finally {
          await release()
        }
      }
      if (Date.now() >= deadline) {
        throw new WecomUnavailableError('Timed out waiting for the WeCom access token', GETTOKEN)
      }
      await sleep(TOKEN_POLL_MS)
    }
  }

  /** Forgets the token WeCom refused, unless another process has already replaced it. */
  async #dropToken(refused: string): Promise<void> {
    if ((await this.#store.get(this.#tokenKey)) === refused) await this.#store.del(this.#tokenKey)
  }

  /**
   * One WeCom exchange with retries: answers the body without the envelope for errcode 0,
   * throws WecomApiError for a non-retryable errcode, WecomUnavailableError when retries run out.
   */
  async #exchange<T>(method: 'GET' | 'POST', path: string, query: Query, body?: unknown): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.#send(method, path, query, body)
      let failure: unknown
      if ('answer' in outcome) {
        const { errcode, errmsg, ...data } = outcome.answer
        const code = Number(errcode ?? 0)
        if (code === 0) return data as T
        const error = new WecomApiError(code, String(errmsg ?? ''), path)
        if (!RETRYABLE_ERRCODES.includes(code)) throw error
        failure = error
      } else {
        if (!outcome.retryable) {
          throw new WecomUnavailableError(`WeCom ${path} failed: ${describe(outcome.failure)}`, path, {
            cause: outcome.failure,
          })
        }
        failure = outcome.failure
      }
      if (attempt >= this.#attempts) {
        throw new WecomUnavailableError(
          `WeCom ${path} still failing after ${attempt} attempts: ${describe(failure)}`,
          path,
          { cause: failure }
        )
      }
      await sleep(this.#backoffMs(attempt))
    }
  }

  async #send(method: 'GET' | 'POST', path: string, query: Query, body: unknown): Promise<Outcome> {
    const url = new URL(this.#apiBase + path)
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined) url.searchParams.set(name, String(value))
    }
    try {
      const response = await this.#fetch(url, {
        method,
        headers: body === undefined ? undefined : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.#timeoutMs),
      })
      if (!response.ok) {
        await response.body?.cancel()
        return {
          failure: new Error(`HTTP ${response.status}`),
          retryable: response.status >= 500 || response.status === 429,
        }
      }
      const answer: unknown = await response.json()
      if (!answer || typeof answer !== 'object' || Array.isArray(answer)) {
        return { failure: new Error('The answer is not a JSON object'), retryable: true }
      }
      return { answer: answer as Answer }
    } catch (error) {
      // network failure, timeout, or a body that is not JSON (a proxy's error page)
      return { failure: error, retryable: true }
    }
  }

  /** baseDelayMs, doubled per attempt, times a random 50–100 % so that processes spread out. */
  #backoffMs(attempt: number): number {
    const exponential = Math.min(MAX_BACKOFF_MS, this.#baseDelayMs * 2 ** (attempt - 1))
    return Math.round(exponential * (0.5 + Math.random() / 2))
  }

  /** The longest a token fetch can take with its retries: how long the token lock is held at most. */
  #worstCaseMs(): number {
    let total = this.#attempts * this.#timeoutMs
    for (let attempt = 1; attempt < this.#attempts; attempt++) {
      total += Math.min(MAX_BACKOFF_MS, this.#baseDelayMs * 2 ** (attempt - 1))
    }
    return total + 1_000
  }
}

/** Cache the token 5 minutes less than WeCom keeps it, or half its life if it is short. */
function cacheSeconds(expiresIn: number): number {
  const lifetime = Number(expiresIn) || 7200
  return lifetime > 600 ? lifetime - 300 : Math.max(1, Math.floor(lifetime / 2))
}

function describe(failure: unknown): string {
  if (failure instanceof Error) {
    const cause = failure.cause instanceof Error ? ` (${failure.cause.message})` : ''
    return `${failure.message}${cause}`
  }
  return String(failure)
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
