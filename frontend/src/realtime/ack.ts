import { SocketErrorCode } from '@/enums/chat'
import type { SocketAck, SocketErrorEntry } from './events'

/*
 * Acked emits that survive a bad connection. An emit whose ack does not come back in time (or
 * whose connection drops first) is sent again once connected, with the very same payload: the
 * `client_msg_id` in it makes the server answer the stored message instead of storing another.
 */

/** How long to wait for one ack. */
export const ACK_TIMEOUT_MS = 8000
/** Sends of one payload at most (the first and its retries). */
export const SEND_ATTEMPTS = 4
/** How long to wait for the connection to come back before a retry. */
export const CONNECT_WAIT_MS = 30_000

/** The few socket.io client methods the helpers use (a fake in tests). */
export interface AckSocket {
  readonly connected: boolean
  emit(event: string, ...args: unknown[]): unknown
  once(event: 'connect' | 'disconnect', listener: () => void): unknown
  off(event: 'connect' | 'disconnect', listener: () => void): unknown
}

/** An emit the server refused (`{ok:false}`), or one that got no answer at all (`timeout`). */
export class SocketAckError extends Error {
  constructor(
    readonly code: string,
    readonly errors: SocketErrorEntry[]
  ) {
    super(errors[0]?.message ?? code)
    this.name = 'SocketAckError'
  }
}

const noAnswer = () => new SocketAckError(SocketErrorCode.Timeout, [{ code: SocketErrorCode.Timeout, message: 'No answer from the server' }])

/** One emit and its ack; rejects with a `timeout` error when no ack comes, or the connection drops first. */
export function emitWithAck<A>(socket: AckSocket, event: string, payload: unknown, timeoutMs = ACK_TIMEOUT_MS): Promise<A> {
  return new Promise<A>((resolve, reject) => {
    let settled = false
    const finish = (outcome: () => void) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      socket.off('disconnect', onDisconnect)
      outcome()
    }
    const onDisconnect = () => finish(() => reject(noAnswer()))
    const timer = setTimeout(() => finish(() => reject(noAnswer())), timeoutMs)
    socket.once('disconnect', onDisconnect)
    socket.emit(event, payload, (answer: A) => finish(() => resolve(answer)))
  })
}

/** Resolves true once connected (at once when already), false after `timeoutMs`. */
export function whenConnected(socket: AckSocket, timeoutMs = CONNECT_WAIT_MS): Promise<boolean> {
  if (socket.connected) return Promise.resolve(true)
  return new Promise((resolve) => {
    const onConnect = () => {
      clearTimeout(timer)
      resolve(true)
    }
    const timer = setTimeout(() => {
      socket.off('connect', onConnect)
      resolve(false)
    }, timeoutMs)
    socket.once('connect', onConnect)
  })
}

export interface ReliableEmitOptions {
  timeoutMs?: number
  attempts?: number
  connectWaitMs?: number
}

/**
 * Emits `payload` until the server answers, waiting for the connection between tries. A refusal
 * (`{ok:false}`) is final and rejects with its errors; so does running out of attempts (`timeout`).
 * Only payloads that are safe to repeat (carrying their own id) belong here.
 */
export async function emitReliably<T extends object>(
  socket: AckSocket,
  event: string,
  payload: unknown,
  { timeoutMs = ACK_TIMEOUT_MS, attempts = SEND_ATTEMPTS, connectWaitMs = CONNECT_WAIT_MS }: ReliableEmitOptions = {}
): Promise<{ ok: true } & T> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (!(await whenConnected(socket, connectWaitMs))) break
    let answer: SocketAck<T>
    try {
      answer = await emitWithAck<SocketAck<T>>(socket, event, payload, timeoutMs)
    } catch {
      continue
    }
    if (answer.ok) return answer
    throw new SocketAckError(answer.errors[0]?.code ?? SocketErrorCode.Invalid, answer.errors)
  }
  throw noAnswer()
}
