import { DateTime } from 'luxon'
import type { Random } from '#database/demo/random'

/** The history covers the 364 local days before today: all of it stays inside the 365-day tier window. */
export const HISTORY_DAYS = 364

export type Day = {
  index: number
  /** UTC milliseconds of the local midnight that starts the day. */
  start: number
  weekend: boolean
  year: number
  month: number
  /** 20261121: the date part of order numbers. */
  compact: string
}

/**
 * The shape of a day in a coffee shop, in local hours [from, mode, to]: commuters before work,
 * lunch sets, afternoon coffee and cake, the evening, and online shopping late at night.
 */
export enum Slot {
  Morning = 'morning',
  Brunch = 'brunch',
  Lunch = 'lunch',
  Afternoon = 'afternoon',
  Evening = 'evening',
  Night = 'night',
}

const SLOT_HOURS: Record<Slot, [number, number, number]> = {
  [Slot.Morning]: [7, 8.3, 10],
  [Slot.Brunch]: [9, 10.3, 11.5],
  [Slot.Lunch]: [11.5, 12.3, 13.5],
  [Slot.Afternoon]: [13.5, 15.3, 17.5],
  [Slot.Evening]: [17.5, 18.6, 21],
  [Slot.Night]: [19, 21.5, 23.95],
}

/**
 * The local days of the demo history, ending with yesterday. It ends at today's local midnight,
 * not at "now", so seeding twice on one day gives the same history.
 */
export class Calendar {
  readonly days: Day[] = []
  /** Local midnight that starts today, in UTC milliseconds: nothing in the history is later. */
  readonly end: number

  constructor(readonly zone: string) {
    const today = DateTime.now().setZone(zone).startOf('day')
    this.end = today.toMillis()
    for (let i = 0; i < HISTORY_DAYS; i++) {
      const day = today.minus({ days: HISTORY_DAYS - i })
      this.days.push({
        index: i,
        start: day.toMillis(),
        weekend: day.weekday >= 6,
        year: day.year,
        month: day.month,
        compact: day.toFormat('yyyyLLdd'),
      })
    }
  }

  /** The day holding an instant (the history is short enough for a linear estimate plus a fix-up). */
  dayOf(at: number): Day {
    let index = Math.min(HISTORY_DAYS - 1, Math.max(0, Math.floor((at - this.days[0].start) / 86_400_000)))
    while (index > 0 && this.days[index].start > at) index--
    while (index < HISTORY_DAYS - 1 && this.days[index + 1].start <= at) index++
    return this.days[index]
  }

  /**
   * An instant inside a slot of a day, to the second. Adding seconds to local midnight is off by
   * an hour on a daylight-saving switch day; the enterprise zones we seed (China) have none.
   */
  timeIn(day: Day, slot: Slot, random: Random) {
    const [from, mode, to] = SLOT_HOURS[slot]
    return day.start + Math.floor(random.triangular(from, mode, to) * 3600) * 1000
  }

  /** Local 02:00 after an instant: when the daily tier evaluation runs (start/jobs.ts). */
  nextEvaluation(at: number) {
    const local = DateTime.fromMillis(at, { zone: this.zone })
    const today = local.startOf('day').set({ hour: 2 })
    return (today.toMillis() > at ? today : today.plus({ days: 1 })).toMillis()
  }

  /** The local date, as the evaluation job names its tier changes. */
  isoDate(at: number) {
    return DateTime.fromMillis(at, { zone: this.zone }).toISODate()!
  }
}
