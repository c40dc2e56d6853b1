/**
 * The weekday × hour heatmap of a portrait. The server keeps units bought per local slot
 * "weekday:hour" (ISO weekday, Monday = 1, hour 0–23) and sends them as a matrix,
 * `heatmap[weekday - 1][hour]`, Monday first.
 */
export interface HeatmapSlot {
  /** 1–7, Monday = 1. */
  weekday: number
  /** 0–23, local. */
  hour: number
  units: number
}

export const HOURS = Array.from({ length: 24 }, (_, hour) => hour)

/** "7:7" → Sunday, 07:00. Null for anything else. */
export function parseSlot(slot: string): { weekday: number; hour: number } | null {
  const match = /^([1-7]):(\d{1,2})$/.exec(slot)
  if (!match) return null
  const hour = Number(match[2])
  return hour <= 23 ? { weekday: Number(match[1]), hour } : null
}

/** Every slot with units, busiest first (the table view). */
export function heatmapSlots(matrix: readonly (readonly number[])[]): HeatmapSlot[] {
  const slots: HeatmapSlot[] = []
  matrix.forEach((hours, day) => hours.forEach((units, hour) => units > 0 && slots.push({ weekday: day + 1, hour, units })))
  return slots.sort((a, b) => b.units - a.units || a.weekday - b.weekday || a.hour - b.hour)
}

/**
 * The chart's cells: `[hour, weekday - 1, units]`, x the hour, y the weekday with Monday at
 * index 0 (the chart puts it on top). Empty slots are left out.
 */
export function heatmapCells(matrix: readonly (readonly number[])[]): [number, number, number][] {
  return heatmapSlots(matrix).map((slot) => [slot.hour, slot.weekday - 1, slot.units])
}

export const hourLabel = (hour: number) => `${String(hour).padStart(2, '0')}:00`

/** "Sunday 07:00" with the weekday names of the UI language (Monday first). */
export function slotLabel(slot: { weekday: number; hour: number }, weekdayNames: readonly string[]): string {
  return `${weekdayNames[slot.weekday - 1] ?? slot.weekday} ${hourLabel(slot.hour)}`
}

export function maxUnits(matrix: readonly (readonly number[])[]): number {
  return Math.max(0, ...matrix.flat())
}
