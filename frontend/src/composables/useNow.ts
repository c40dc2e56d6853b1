import { onBeforeUnmount, ref } from 'vue'

/** The current time (ms), moving every `intervalMs`: for "waiting 12 min" and typing indicators. */
export function useNow(intervalMs = 30_000) {
  const now = ref(Date.now())
  const timer = setInterval(() => (now.value = Date.now()), intervalMs)
  onBeforeUnmount(() => clearInterval(timer))
  return now
}
