import type { ChatMessage } from '@/api/conversations'
import type { PendingMessage } from './thread'

/** What a message list draws, in order: a date line before each new day, then the messages. */
export type TimelineItem =
  | { kind: 'date'; key: string; at: string }
  | { kind: 'message'; key: string; message: ChatMessage }
  | { kind: 'pending'; key: string; pending: PendingMessage }

/** The local calendar day of an ISO time, `YYYY-MM-DD`. */
export function dayKey(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return ''
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

/** Stored messages, then our messages still on their way (they are the newest), with date lines. */
export function timelineItems(messages: readonly ChatMessage[], pending: readonly PendingMessage[] = []): TimelineItem[] {
  const items: TimelineItem[] = []
  let day = ''
  const dateLine = (at: string) => {
    const key = dayKey(at)
    if (key && key !== day) {
      day = key
      items.push({ kind: 'date', key: `date:${key}`, at })
    }
  }
  for (const message of messages) {
    dateLine(message.created_at)
    items.push({ kind: 'message', key: `m:${message.id}`, message })
  }
  for (const entry of pending) {
    dateLine(entry.created_at)
    items.push({ kind: 'pending', key: `p:${entry.client_msg_id}`, pending: entry })
  }
  return items
}
