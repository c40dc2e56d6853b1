import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick, ref } from 'vue'
import { flushPromises } from '@vue/test-utils'
import { PREVIEW_DEBOUNCE_MS, useSegmentPreview } from './useSegmentPreview'
import { errorsBody, fakeServer, type FakeResponse } from '@/testing/fakeHttp'
import type { SegmentDefinition } from '@/segments/definition'

function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((res) => (resolve = res))
  return { promise, resolve }
}

const counted = (count: number): FakeResponse => ({ status: 200, data: { count, members: [] } })
const sentDays = (data: unknown) => JSON.parse(data as string).definition.value

function livePreview() {
  const days = ref(30)
  const complete = ref(true)
  const scope = effectScope()
  const preview = scope.run(() =>
    useSegmentPreview(() => (complete.value ? { definition: { attr: 'days_since_last_purchase', op: 'gte', value: days.value } as SegmentDefinition } : null))
  )!
  return { days, complete, preview, stop: () => scope.stop() }
}

describe('the live count of a segment being edited', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('counts once, 400 ms after the last of a burst of edits, showing “counting” meanwhile', async () => {
    const requests = fakeServer(() => counted(12))
    const { days, preview } = livePreview()
    expect(preview.counting.value).toBe(true)

    for (const value of [31, 32, 33]) {
      await vi.advanceTimersByTimeAsync(PREVIEW_DEBOUNCE_MS - 100)
      days.value = value
      await nextTick()
    }
    expect(requests).toHaveLength(0)

    await vi.advanceTimersByTimeAsync(PREVIEW_DEBOUNCE_MS)
    await flushPromises()
    expect(requests.map((r) => sentDays(r.data))).toEqual([33])
    expect(preview.count.value).toBe(12)
    expect(preview.counting.value).toBe(false)
  })

  it('ignores a slow answer to an older edit, and cancels its request', async () => {
    const slow = deferred<FakeResponse>()
    const requests = fakeServer((config) => (sentDays(config.data) === 30 ? slow.promise : counted(5)))
    const { days, preview } = livePreview()

    await vi.advanceTimersByTimeAsync(PREVIEW_DEBOUNCE_MS)
    expect(requests).toHaveLength(1)
    days.value = 60
    await nextTick()
    expect(requests[0]!.signal?.aborted).toBe(true)

    await vi.advanceTimersByTimeAsync(PREVIEW_DEBOUNCE_MS)
    await flushPromises()
    expect(preview.count.value).toBe(5)

    slow.resolve(counted(999))
    await flushPromises()
    expect(preview.count.value).toBe(5)
    expect(preview.counting.value).toBe(false)
  })

  it('keeps the server’s path errors of a refused definition, and clears them once it counts', async () => {
    let refuse = true
    fakeServer(() => (refuse ? { status: 422, data: errorsBody({ field: 'value', message: 'days_since_last_purchase compares with a days value', code: 'type' }) } : counted(3)))
    const { days, preview } = livePreview()
    await vi.advanceTimersByTimeAsync(PREVIEW_DEBOUNCE_MS)
    await flushPromises()
    expect(preview.errors.value.map((e) => e.field)).toEqual(['value'])
    expect(preview.count.value).toBeNull()

    refuse = false
    days.value = 45
    await vi.advanceTimersByTimeAsync(PREVIEW_DEBOUNCE_MS)
    await flushPromises()
    expect(preview.errors.value).toEqual([])
    expect(preview.count.value).toBe(3)
  })

  it('sends nothing while a condition is incomplete', async () => {
    const requests = fakeServer(() => counted(1))
    const { complete, preview } = livePreview()
    complete.value = false
    await nextTick()
    await vi.advanceTimersByTimeAsync(PREVIEW_DEBOUNCE_MS * 2)
    expect(requests).toHaveLength(0)
    expect(preview.incomplete.value).toBe(true)
    expect(preview.counting.value).toBe(false)
  })

  it('stops counting when the page goes away', async () => {
    const requests = fakeServer(() => counted(1))
    const { stop } = livePreview()
    stop()
    await vi.advanceTimersByTimeAsync(PREVIEW_DEBOUNCE_MS * 2)
    expect(requests).toHaveLength(0)
  })
})
