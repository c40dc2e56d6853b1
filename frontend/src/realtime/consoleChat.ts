import type { Socket } from 'socket.io-client'
import type { AckSocket } from './ack'
import { createChatEmitter } from './chatEmitter'
import type { ConsoleClientEvents, ConsoleServerEvents } from './events'

export type ConsoleSocket = Socket<ConsoleServerEvents, ConsoleClientEvents>

/** The open `/console` socket; `socket.ts` opens and closes it, the chat emits through it. */
let current: ConsoleSocket | null = null

export function setConsoleSocket(socket: ConsoleSocket | null) {
  current = socket
}

export function consoleSocket(): ConsoleSocket | null {
  return current
}

/** The console's chat emits (send with retries, receipts, typing). */
export const consoleChat = createChatEmitter(() => current as unknown as AckSocket | null)
