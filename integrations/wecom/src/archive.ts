/*
 * The session archive ("会话内容存档"): the messages between staff and customers, in order of a
 * rising seq. WeCom serves it only through its C SDK (GetChatData, then RSA + AES per message),
 * so the feed sits behind MessageArchive: SimulatorArchive reads the simulator's plain-JSON
 * equivalent; an SDK-backed implementation can take its place without the callers changing.
 */
import type { WecomClient } from './client.js'

export type ArchiveAction = 'send' | 'recall' | 'switch'

export interface ArchiveMessage {
  seq: number
  msgid: string
  action: ArchiveAction
  /** A userid or external userid. */
  from: string
  tolist: string[]
  /** The group chat id; '' for a one-to-one chat. */
  roomid: string
  /** Milliseconds since the epoch. */
  msgtime: number
  msgtype: string
  text?: { content: string }
}

export interface MessageArchive {
  /** The messages with a seq greater than afterSeq, ascending, at most limit (≤ 1000). */
  fetch(afterSeq: number, limit: number): Promise<ArchiveMessage[]>
}

/** GetChatData answers at most this many per call. */
export const ARCHIVE_MAX_LIMIT = 1000

interface ChatDataItem {
  seq: number
  msgid: string
  publickey_ver?: number
  /** The decrypted message: JSON text, or already an object. */
  message: string | Omit<ArchiveMessage, 'seq'>
}

export class SimulatorArchive implements MessageArchive {
  constructor(private readonly client: WecomClient) {}

  async fetch(afterSeq: number, limit: number): Promise<ArchiveMessage[]> {
    const answer = await this.client.call<{ chatdata?: ChatDataItem[] }>('/cgi-bin/msgaudit/sim_getchatdata', {
      seq: afterSeq,
      limit: Math.min(Math.max(1, Math.floor(limit)), ARCHIVE_MAX_LIMIT),
    })
    return (answer.chatdata ?? []).map((item) => {
      const message =
        typeof item.message === 'string' ? (JSON.parse(item.message) as Omit<ArchiveMessage, 'seq'>) : item.message
      return { ...message, seq: item.seq, msgid: message.msgid ?? item.msgid }
    })
  }
}
