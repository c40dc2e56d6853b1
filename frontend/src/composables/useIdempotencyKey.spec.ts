import { describe, expect, it, vi } from 'vitest'
import { nextTick, ref } from 'vue'
import { newIdempotencyKey, useIdempotencyKey } from './useIdempotencyKey'

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('the Idempotency-Key of a dialog', () => {
  it('stays the same while the dialog is open and is new for the next opening', async () => {
    const open = ref(false)
    const key = useIdempotencyKey(open)
    open.value = true
    await nextTick()
    const first = key.value
    await nextTick()
    expect(key.value).toBe(first)

    open.value = false
    await nextTick()
    expect(key.value).toBe(first)
    open.value = true
    await nextTick()
    expect(key.value).not.toBe(first)
    expect(key.value).toMatch(UUID_V4)
  })

  it('is still a v4 UUID where crypto.randomUUID is missing (plain HTTP on a store LAN)', () => {
    vi.stubGlobal('crypto', { getRandomValues: crypto.getRandomValues.bind(crypto) })
    try {
      const keys = new Set(Array.from({ length: 20 }, () => newIdempotencyKey()))
      expect(keys.size).toBe(20)
      for (const key of keys) expect(key).toMatch(UUID_V4)
    } finally {
      vi.unstubAllGlobals()
    }
  })
})
