import type { SyncRun } from '@/api/wecom'

/**
 * The `/console` socket event maps. They mirror backend/app/realtime/events.ts; later domains
 * (conversations, tasks, broadcasts) add their events on both sides.
 */
export interface SessionReadyPayload {
  staff_id: number
  rooms: string[]
}

export interface ConsoleServerEvents {
  'session:ready': (payload: SessionReadyPayload) => void
  /** A WeCom sync moved on (sent to admins' staff rooms); the body of GET /wecom/syncs/:id. */
  'wecom:sync': (run: SyncRun) => void
}

export interface ConsoleClientEvents {}

export type ConsoleEventName = keyof ConsoleServerEvents

/** One store action per server event: the whole of what the console does with a push. */
export type ConsoleEventHandlers = {
  [E in ConsoleEventName]: (...args: Parameters<ConsoleServerEvents[E]>) => void
}
