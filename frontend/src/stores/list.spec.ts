import { describe, expect, it } from 'vitest'
import { reactive } from 'vue'
import type { Paginated } from '@/api/types'
import { ApiError } from '@/api/errors'
import { initialMeta, initialUiFlags, loadPage, type ListState } from './list'

function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)))
  return { promise, resolve, reject }
}

const page = (names: string[], total = names.length): Paginated<string> => ({
  data: names,
  meta: { total, page: 1, per_page: 20 },
})

describe('loading a page of a list', () => {
  it('shows the records and meta, and is loading only while waiting', async () => {
    const state = reactive<ListState<string>>({ records: [], meta: initialMeta(), uiFlags: initialUiFlags() })
    const answer = deferred<Paginated<string>>()

    const loading = loadPage(state, () => answer.promise)
    expect(state.uiFlags.isFetching).toBe(true)
    answer.resolve(page(['a', 'b'], 42))
    await loading

    expect(state.records).toEqual(['a', 'b'])
    expect(state.meta.total).toBe(42)
    expect(state.uiFlags.isFetching).toBe(false)
    expect(state.uiFlags.fetchError).toBeNull()
  })

  it('keeps the newest answer when an older one arrives late', async () => {
    const state = reactive<ListState<string>>({ records: [], meta: initialMeta(), uiFlags: initialUiFlags() })
    const slow = deferred<Paginated<string>>()
    const fast = deferred<Paginated<string>>()

    const first = loadPage(state, () => slow.promise)
    const second = loadPage(state, () => fast.promise)
    fast.resolve(page(['new']))
    await second
    slow.resolve(page(['old']))
    await first

    expect(state.records).toEqual(['new'])
    expect(state.uiFlags.isFetching).toBe(false)
  })

  it('turns a failure into an error state people can read', async () => {
    const state = reactive<ListState<string>>({ records: ['kept'], meta: initialMeta(), uiFlags: initialUiFlags() })
    await loadPage(state, () => Promise.reject(new ApiError(503, [{ message: 'mysql is unavailable' }])))
    expect(state.uiFlags.fetchError).toBe('服务暂时不可用，请稍后再试。')
    expect(state.uiFlags.isFetching).toBe(false)
  })
})
