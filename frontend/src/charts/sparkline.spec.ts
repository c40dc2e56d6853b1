import { describe, expect, it } from 'vitest'
import { sparklinePoints } from './sparkline'

describe('a sparkline of a segment’s count history', () => {
  it('puts the oldest count left and the highest at the top', () => {
    expect(sparklinePoints([10, 30, 20], 104, 24)).toBe('2,22 52,2 102,12')
  })

  it('draws a flat history across the middle, and nothing without history', () => {
    expect(sparklinePoints([5, 5], 100, 20)).toBe('2,10 98,10')
    expect(sparklinePoints([], 100, 20)).toBe('')
  })
})
