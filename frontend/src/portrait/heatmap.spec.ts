import { describe, expect, it } from 'vitest'
import { heatmapCells, heatmapSlots, parseSlot, slotLabel } from './heatmap'

const WEEKDAYS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日']

/** The matrix as the server builds it from its "weekday:hour" slots (portrait.ts `heatmap`). */
function matrixOf(slots: Record<string, number>) {
  const matrix = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0))
  for (const [slot, units] of Object.entries(slots)) {
    const { weekday, hour } = parseSlot(slot)!
    matrix[weekday - 1]![hour] = units
  }
  return matrix
}

describe('the weekday × hour heatmap', () => {
  it('reads the slot "7:7" as Sunday 07:00 (ISO weekdays, Monday = 1)', () => {
    expect(parseSlot('7:7')).toEqual({ weekday: 7, hour: 7 })
    expect(parseSlot('1:23')).toEqual({ weekday: 1, hour: 23 })
    expect(parseSlot('0:7')).toBeNull()
    expect(parseSlot('7:24')).toBeNull()
  })

  it('draws "7:7" in the Sunday row at the 07:00 column, and lists it as Sunday 07:00', () => {
    const matrix = matrixOf({ '7:7': 3, '1:8': 1 })
    expect(heatmapCells(matrix)).toEqual([
      [7, 6, 3],
      [8, 0, 1],
    ])
    const [busiest] = heatmapSlots(matrix)
    expect(slotLabel(busiest!, WEEKDAYS)).toBe('周日 07:00')
  })

  it('leaves empty slots out', () => {
    expect(heatmapCells(matrixOf({}))).toEqual([])
  })
})
