import { onScopeDispose, ref, shallowRef, watch } from 'vue'
import { segmentsApi, type PreviewInput, type PreviewMember } from '@/api/segments'
import { toApiError, userMessage, type ApiErrorEntry } from '@/api/errors'

/** Quiet time after the last edit before counting. */
export const PREVIEW_DEBOUNCE_MS = 400
export const PREVIEW_SAMPLE = 20

/**
 * The live count of a definition being edited. Counting starts `debounceMs` after the last
 * edit; an edit meanwhile cancels the request in flight, and an answer to anything but the
 * latest edit is dropped, so a slow old count never replaces a newer one. `input` answers null
 * while the definition is incomplete: nothing is sent.
 *
 * `counting` is true from the edit until its answer (the page shows "…"); `errors` are the
 * server's 422 entries, whose fields name definition paths (`all[2].attr`).
 */
export function useSegmentPreview(input: () => PreviewInput | null, options: { debounceMs?: number; limit?: number } = {}) {
  const debounceMs = options.debounceMs ?? PREVIEW_DEBOUNCE_MS
  const count = ref<number | null>(null)
  const members = shallowRef<PreviewMember[]>([])
  const counting = ref(false)
  const errors = shallowRef<ApiErrorEntry[]>([])
  const failure = ref<string | null>(null)
  const incomplete = ref(false)

  let timer: ReturnType<typeof setTimeout> | undefined
  let inFlight: AbortController | undefined
  let latest = 0

  function cancel() {
    clearTimeout(timer)
    inFlight?.abort()
    inFlight = undefined
  }

  async function run(ticket: number, body: PreviewInput) {
    const controller = new AbortController()
    inFlight = controller
    try {
      const result = await segmentsApi.preview({ limit: options.limit ?? PREVIEW_SAMPLE, ...body }, { silent: true, signal: controller.signal })
      if (ticket !== latest) return
      count.value = result.count
      members.value = result.members
      errors.value = []
      failure.value = null
    } catch (error) {
      if (ticket !== latest) return
      const apiError = toApiError(error)
      count.value = null
      members.value = []
      errors.value = apiError.status === 422 ? apiError.errors : []
      failure.value = apiError.status === 422 ? null : userMessage(apiError)
    } finally {
      if (ticket === latest) {
        counting.value = false
        inFlight = undefined
      }
    }
  }

  /** Counts after the quiet time; `now` skips it (a retry). */
  function schedule(now = false) {
    cancel()
    const ticket = ++latest
    const body = input()
    incomplete.value = body === null
    if (body === null) {
      counting.value = false
      count.value = null
      members.value = []
      errors.value = []
      return
    }
    counting.value = true
    if (now) void run(ticket, body)
    else timer = setTimeout(() => void run(ticket, body), debounceMs)
  }

  // The key is the JSON sent: any edit deep in the tree changes it, a no-op edit does not.
  watch(
    () => JSON.stringify(input()),
    () => schedule(),
    { immediate: true }
  )

  onScopeDispose(() => {
    latest++
    cancel()
  })

  return { count, members, counting, errors, failure, incomplete, refresh: () => schedule(true) }
}
