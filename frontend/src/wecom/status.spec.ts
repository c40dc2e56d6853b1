import { describe, expect, it } from 'vitest'
import { progressPercent } from './status'

describe('sync progress', () => {
  it('is whole percent, rounded down, so a run is never shown finished before it is', () => {
    expect(progressPercent({ done: 1, total: 3 })).toBe(33)
    expect(progressPercent({ done: 9999, total: 10000 })).toBe(99)
    expect(progressPercent({ done: 10000, total: 10000 })).toBe(100)
  })

  it('is 0 while the total is not known yet', () => {
    expect(progressPercent({ done: 0, total: 0 })).toBe(0)
  })
})
