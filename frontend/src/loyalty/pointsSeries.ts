import type { PointsEntry } from '@/api/members'

/** [time, balance after] pairs, oldest first, for the balance chart (the ledger comes newest first). */
export function balanceSeries(entries: readonly PointsEntry[]): [string, number][] {
  return [...entries]
    .sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id - b.id)
    .map((entry) => [entry.created_at, entry.balance_after])
}
