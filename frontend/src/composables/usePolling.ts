import { onScopeDispose, ref, watch } from 'vue'

/**
 * Calls `poll` every `intervalMs` while `active()` is true: it starts when `active` turns true,
 * stops when it turns false (a run finished), and stops for good when the owning component
 * unmounts (the page was left). The next call is timed from the end of the previous one, so a
 * slow server never has two polls in flight. `poll` handles its own errors; a failed poll is
 * retried at the next tick.
 */
export function usePolling(poll: () => Promise<unknown>, active: () => boolean, intervalMs: number) {
  const polling = ref(false)
  let timer: ReturnType<typeof setTimeout> | undefined
  let inFlight = false
  let disposed = false

  function schedule() {
    clearTimeout(timer)
    timer = undefined
    polling.value = !disposed && active()
    if (!polling.value || inFlight) return
    timer = setTimeout(() => void tick(), intervalMs)
  }

  async function tick() {
    timer = undefined
    inFlight = true
    try {
      await poll()
    } catch {
      // The caller's `poll` reports its failures; keep trying while active.
    } finally {
      inFlight = false
    }
    schedule()
  }

  watch(active, schedule, { immediate: true })

  onScopeDispose(() => {
    disposed = true
    clearTimeout(timer)
    polling.value = false
  })

  return { polling }
}
