import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick, ref } from 'vue'
import { usePolling } from './usePolling'

function deferred() {
  let resolve!: () => void
  const promise = new Promise<void>((res) => (resolve = res))
  return { promise, resolve }
}

describe('polling while something is in progress', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('polls at the interval only while active, and again once active again', async () => {
    const active = ref(true)
    const poll = vi.fn(async () => {})
    const scope = effectScope()
    const { polling } = scope.run(() => usePolling(poll, () => active.value, 2000))!

    expect(polling.value).toBe(true)
    await vi.advanceTimersByTimeAsync(4000)
    expect(poll).toHaveBeenCalledTimes(2)

    active.value = false
    await nextTick()
    expect(polling.value).toBe(false)
    await vi.advanceTimersByTimeAsync(10_000)
    expect(poll).toHaveBeenCalledTimes(2)

    active.value = true
    await nextTick()
    await vi.advanceTimersByTimeAsync(2000)
    expect(poll).toHaveBeenCalledTimes(3)
    scope.stop()
  })

  it('never has two polls in flight: the next one is timed from the end of a slow one', async () => {
    const answers: ReturnType<typeof deferred>[] = []
    const poll = vi.fn(() => {
      answers.push(deferred())
      return answers.at(-1)!.promise
    })
    const scope = effectScope()
    scope.run(() => usePolling(poll, () => true, 2000))

    await vi.advanceTimersByTimeAsync(2000)
    await vi.advanceTimersByTimeAsync(10_000)
    expect(poll).toHaveBeenCalledTimes(1)

    answers[0]!.resolve()
    await vi.advanceTimersByTimeAsync(1999)
    expect(poll).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(poll).toHaveBeenCalledTimes(2)
    scope.stop()
  })

  it('keeps trying after a failed poll, and stops for good when its owner goes away', async () => {
    const poll = vi.fn().mockRejectedValueOnce(new Error('offline')).mockResolvedValue(undefined)
    const scope = effectScope()
    scope.run(() => usePolling(poll, () => true, 2000))

    await vi.advanceTimersByTimeAsync(4000)
    expect(poll).toHaveBeenCalledTimes(2)

    scope.stop()
    await vi.advanceTimersByTimeAsync(10_000)
    expect(poll).toHaveBeenCalledTimes(2)
  })
})
