import { ref, watch, type Ref } from 'vue'

/**
 * A random v4 UUID. `crypto.randomUUID` exists only in secure contexts (HTTPS, localhost); a
 * console opened over plain HTTP on a store's LAN builds one from `getRandomValues`.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  bytes[6] = (bytes[6]! & 0x0f) | 0x40
  bytes[8] = (bytes[8]! & 0x3f) | 0x80
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/**
 * The `Idempotency-Key` of a dialog: one key per opening, so a double click or a retry after a
 * lost answer is run once by the server, while the next opening is a new request.
 */
export function useIdempotencyKey(open: Ref<boolean>) {
  const key = ref(newIdempotencyKey())
  watch(open, (isOpen, wasOpen) => {
    if (isOpen && !wasOpen) key.value = newIdempotencyKey()
  })
  return key
}
