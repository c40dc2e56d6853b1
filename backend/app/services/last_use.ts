/**
 * "Last used" times (member tokens, staff tokens, integration keys) are for housekeeping and
 * the admin pages, not a write on every request or message: one a minute at most.
 */
export function lastUseIsStale(lastUsedAt: { valueOf(): number } | null | undefined) {
  return !lastUsedAt || Date.now() - lastUsedAt.valueOf() > 60_000
}
