import type { ListMeta, Paginated } from '@/api/types'
import { userMessage } from '@/api/errors'

/** The `uiFlags` of every paginated store. */
export interface ListUiFlags {
  isFetching: boolean
  isSaving: boolean
  /** Why the last fetch failed, already phrased for people; null after a good fetch. */
  fetchError: string | null
}

export interface ListState<T> {
  records: T[]
  meta: ListMeta
  uiFlags: ListUiFlags
}

export const DEFAULT_PER_PAGE = 20

export function initialMeta(perPage = DEFAULT_PER_PAGE): ListMeta {
  return { total: 0, page: 1, per_page: perPage }
}

export function initialUiFlags(): ListUiFlags {
  return { isFetching: false, isSaving: false, fetchError: null }
}

const latestRequest = new WeakMap<object, number>()

/**
 * Loads one page into a store's `records / meta / uiFlags`. When filters change quickly only the
 * newest answer is kept, so an older, slower answer never overwrites it.
 */
export async function loadPage<T>(state: ListState<T>, load: () => Promise<Paginated<T>>): Promise<void> {
  const ticket = (latestRequest.get(state.uiFlags) ?? 0) + 1
  latestRequest.set(state.uiFlags, ticket)
  state.uiFlags.isFetching = true
  state.uiFlags.fetchError = null
  try {
    const page = await load()
    if (latestRequest.get(state.uiFlags) !== ticket) return
    state.records = page.data
    state.meta = page.meta
  } catch (error) {
    if (latestRequest.get(state.uiFlags) !== ticket) return
    state.uiFlags.fetchError = userMessage(error)
  } finally {
    if (latestRequest.get(state.uiFlags) === ticket) state.uiFlags.isFetching = false
  }
}

/** Runs a write with `uiFlags.isSaving` set; errors go back to the caller (the form). */
export async function saving<R>(uiFlags: ListUiFlags, write: () => Promise<R>): Promise<R> {
  uiFlags.isSaving = true
  try {
    return await write()
  } finally {
    uiFlags.isSaving = false
  }
}
