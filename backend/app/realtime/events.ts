/**
 * The socket event maps, shared by the gateway, the workers' emitter and the console.
 * Later domains (conversations, tasks, broadcasts) add their events here.
 */
export interface ConsoleServerEvents {
  'session:ready': (payload: { staff_id: number; rooms: string[] }) => void
}

export interface ConsoleClientEvents {}

export interface SocketData {
  staffId: number
  role: string
  storeId: number | null
}

/** Room names (STYLE 6). */
export const rooms = {
  staff: (id: number) => `staff:${id}`,
  store: (id: number) => `store:${id}`,
  member: (id: number) => `member:${id}`,
  conversation: (id: number) => `conversation:${id}`,
  group: (id: number) => `group:${id}`,
}
