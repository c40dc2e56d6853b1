/**
 * The socket event maps, shared by the gateway, the workers' emitter and the console.
 * Later domains (conversations, tasks, broadcasts) add their events here.
 */
export interface ConsoleServerEvents {
  'session:ready': (payload: { staff_id: number; rooms: string[] }) => void
  /** A customer deleted a guide (or a guide the customer): to the guide and their store. */
  'wecom:lost': (payload: {
    contact: { id: number; name: string }
    staff_id: number | null
    member_id: number | null
    source: 'del_follow_user' | 'del_external_contact'
    at: string
  }) => void
  /** Progress of a WeCom sync, to the staff member who started it. */
  'wecom:sync': (payload: Record<string, unknown>) => void
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
