import type { ChildProcess } from 'node:child_process'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Server } from 'socket.io'
import { io as connect, type Socket } from 'socket.io-client'
import env from '#start/env'
import Member from '#models/member'
import MemberToken from '#models/member_token'
import Staff from '#models/staff'
import { MemberStatus } from '#enums/loyalty'
import { StaffRole, StaffStatus } from '#enums/staff'
import { ensureWebConversation } from '#services/direct_conversations'
import { issueMemberToken } from '#services/member_tokens'
import { transaction } from '#services/transactions'
import type { AckAnswer, MessageNewPayload, MessagePayload } from '#realtime/events'
import type { Scenario } from '#tests/bench/harness'
import { startWeb, stopWeb } from '#tests/bench/web'

/**
 * Chat at a fixed rate over many conversations: a guide's console socket sends `message:send`
 * into the direct conversation with one of their members, and the operation ends when the
 * member's socket receives it as `message:new` (stored in MySQL first, then fanned out through
 * Redis), in a web process started from source. The bare path is a socket.io server in this
 * process, on its own port without the Redis adapter, that acks what it is sent: the same
 * number of client sockets, the same rate, timed to the ack.
 *
 * Setup brings GUIDES of the dataset's guides and PER_GUIDE of each one's members into their
 * web conversations, with tokens named or marked as the bench's (the last run's are dropped),
 * so the dataset gains nothing but messages from run to run.
 */
const RATE = 200
const GUIDES = 40
const PER_GUIDE = 6
const TIMEOUT_MS = 30_000
const TOKEN_NAME = 'bench'

type Conversation = { id: number; guide: Socket }

type State = {
  web: ChildProcess
  echo: Server
  guides: Socket[]
  members: Socket[]
  echoClients: Socket[]
  conversations: Conversation[]
  /** Sends awaiting their `message:new` at the member, by client_msg_id. */
  pending: Map<string, () => void>
  /** Distinguishes this run's client_msg_ids from every earlier run's. */
  tag: string
}

function open(url: string, token?: string) {
  return connect(url, { path: '/socket.io', auth: token ? { token } : {}, transports: ['websocket'], reconnection: false, forceNew: true })
}

/** Resolves when the socket is connected (the gateway's `session:ready` once it is in its rooms). */
function ready(socket: Socket, event: 'connect' | 'session:ready') {
  return new Promise<void>((resolve, reject) => {
    socket.once(event, () => resolve())
    socket.once('connect_error', reject)
  })
}

/** The guides and, round-robin across them, the members whose conversations the run writes in. */
async function cast() {
  const guides = await Staff.query().where('role', StaffRole.Guide).where('status', StaffStatus.Active).orderBy('id').limit(GUIDES)
  const owned = await Promise.all(
    guides.map((guide) =>
      Member.query().where('owner_staff_id', guide.id).where('status', MemberStatus.Active).orderBy('id').limit(PER_GUIDE)
    )
  )
  const pairs: { guide: Staff; member: Member }[] = []
  for (let k = 0; k < PER_GUIDE; k++) {
    for (const [g, guide] of guides.entries()) if (owned[g][k]) pairs.push({ guide, member: owned[g][k] })
  }
  return { guides, pairs }
}

export const chatDelivery: Scenario<State> = {
  name: 'chat: send → receive',
  describe: `guide message:send → member message:new over ${GUIDES * PER_GUIDE} conversations vs a bare socket.io ack echo, at a fixed rate`,
  rate: RATE,

  async setup(context) {
    const { guides, pairs } = await cast()
    if (!pairs.length) throw new Error('The dataset has no guide with members')
    const guideIds = guides.map((g) => g.id)
    const memberIds = pairs.map((p) => p.member.id)

    await transaction(async (trx) => {
      await trx.from('auth_access_tokens').whereIn('tokenable_id', guideIds).where('name', TOKEN_NAME).delete()
      await MemberToken.query({ client: trx }).whereIn('member_id', memberIds).whereNull('ticket_id').delete()
    })
    const staffTokens = new Map<number, string>()
    for (const guide of guides) staffTokens.set(guide.id, (await Staff.accessTokens.create(guide, ['*'], { name: TOKEN_NAME })).value!.release())
    const sessions: { guideId: number; conversationId: number; token: string }[] = []
    for (const { guide, member } of pairs) {
      sessions.push(
        await transaction(async (trx) => {
          const conversation = await ensureWebConversation(trx, member, guide)
          const { token } = await issueMemberToken(trx, member.id, null)
          return { guideId: guide.id, conversationId: conversation.id, token }
        })
      )
    }

    const web = await startWeb(context.log)
    const echo = new Server(createServer(), { path: '/socket.io', serveClient: false })
    echo.on('connection', (socket) => socket.on('echo', (payload: unknown, ack: (answer: unknown) => void) => ack(payload)))
    const state: State = { web, echo, guides: [], members: [], echoClients: [], conversations: [], pending: new Map(), tag: Date.now().toString(36) }
    try {
      await new Promise<void>((resolve) => echo.httpServer.listen(0, '127.0.0.1', resolve))
      const url = `http://127.0.0.1:${env.get('PORT')}`
      const bySocket = new Map(guides.map((g) => [g.id, open(`${url}/console`, staffTokens.get(g.id))]))
      state.guides = [...bySocket.values()]
      state.members = sessions.map((s) => open(`${url}/member`, s.token))
      state.echoClients = guides.map(() => open(`http://127.0.0.1:${(echo.httpServer.address() as AddressInfo).port}`))
      state.conversations = sessions.map((s) => ({ id: s.conversationId, guide: bySocket.get(s.guideId)! }))
      for (const socket of state.members) {
        socket.on('message:new', ({ message }: MessageNewPayload) => {
          const done = message.client_msg_id && state.pending.get(message.client_msg_id)
          if (done) done()
        })
      }
      await Promise.all([
        ...[...state.guides, ...state.members].map((s) => ready(s, 'session:ready')),
        ...state.echoClients.map((s) => ready(s, 'connect')),
      ])
    } catch (error) {
      await chatDelivery.teardown!(state)
      throw error
    }
    context.log(`  ${guides.length} guides, ${sessions.length} conversations`)
    return state
  },

  run(state, i) {
    const conversation = state.conversations[i % state.conversations.length]
    const clientMsgId = `bench-${state.tag}-${i}`
    return new Promise<void>((resolve, reject) => {
      const fail = (error: Error) => {
        clearTimeout(timer)
        state.pending.delete(clientMsgId)
        reject(error)
      }
      const timer = setTimeout(() => fail(new Error(`message ${clientMsgId} not received within ${TIMEOUT_MS} ms`)), TIMEOUT_MS)
      state.pending.set(clientMsgId, () => {
        clearTimeout(timer)
        state.pending.delete(clientMsgId)
        resolve()
      })
      const payload = { conversation_id: conversation.id, client_msg_id: clientMsgId, type: 'text', body: { text: `新品到店了，周末来试试吗？#${i}` } }
      conversation.guide.emit('message:send', payload, (answer: AckAnswer<{ message: MessagePayload }>) => {
        if (!answer.ok) fail(new Error(`message:send answered ${JSON.stringify(answer.errors)}`))
      })
    })
  },

  async bare(state, i) {
    const socket = state.echoClients[i % state.echoClients.length]
    await socket.timeout(TIMEOUT_MS).emitWithAck('echo', { conversation_id: i, client_msg_id: `bench-${state.tag}-${i}`, type: 'text', body: { text: `新品到店了，周末来试试吗？#${i}` } })
  },

  async teardown(state) {
    for (const socket of [...state.guides, ...state.members, ...state.echoClients]) socket.close()
    await new Promise((resolve) => state.echo.close(resolve))
    await stopWeb(state.web)
  },
}
