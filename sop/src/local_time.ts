import { DateTime, IANAZone } from 'luxon'

/**
 * Step scheduling in a store's local time. SOP steps say "day 3 at 11:00", coupons say "valid to
 * the end of the local day N days after issue", and segments ask for "weekend mornings": all of
 * these are calendar days and wall-clock times in one IANA zone (APP_TIMEZONE, Asia/Shanghai by
 * default), never multiples of 24 hours.
 *
 * Wall-clock times that do not map to exactly one instant are resolved as cron and Temporal's
 * "compatible" mode do: a time skipped by a spring-forward gap moves forward by the length of the
 * gap (02:30 → 03:30 in America/New_York), and a time that occurs twice takes the earlier one.
 */

/** ISO weekday: Monday is 1, Sunday is 7. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7

export interface LocalParts {
  /** The local calendar date, `YYYY-MM-DD`. */
  date: string
  weekday: Weekday
  /** 0..23 */
  hour: number
  /** 0..59 */
  minute: number
}

interface WallClock {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
}

const LOCAL_TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/

/** An IANA zone name the runtime knows, such as `Asia/Shanghai` or `UTC`. */
export function isValidZone(zone: unknown): zone is string {
  return typeof zone === 'string' && zone !== '' && IANAZone.isValidZone(zone)
}

/** A time of day written `HH:mm` on a 24-hour clock, `00:00` to `23:59`. */
export function isValidLocalTime(value: unknown): value is string {
  return typeof value === 'string' && LOCAL_TIME_PATTERN.test(value)
}

/**
 * The instant `dayOffset` calendar days after `base`'s local date in `zone`, at `localTime` there.
 * A trigger at 23:30 with `dayOffset` 3 and `11:00` lands at 11:00 on the third local date after,
 * whatever the hour of the trigger and whatever DST changes lie in between.
 */
export function atLocalTime(base: Date, dayOffset: number, localTime: string, zone: string): Date {
  const { hour, minute } = parseLocalTime(localTime)
  const date = localDateAfter(base, dayOffset, zone)
  return instantOf({ ...date, hour, minute, second: 0 }, zone)
}

/** Where `instant` falls on the calendar and the clock in `zone`. */
export function localParts(instant: Date, zone: string): LocalParts {
  const local = DateTime.fromJSDate(assertValidInstant(instant), { zone: assertValidZone(zone) })
  if (!local.isValid) throw new RangeError(`Cannot place ${instant.toISOString()} in ${zone}`)
  return {
    date: local.toISODate(),
    weekday: local.weekday,
    hour: local.hour,
    minute: local.minute,
  }
}

/**
 * The next run of a daily schedule at `localTime` in `zone`, strictly after `after`.
 * Runs at most once per local date: on the day a time occurs twice only the earlier occurrence
 * counts, so passing the previous run's instant never yields a second run that day.
 */
export function nextDailyRun(after: Date, localTime: string, zone: string): Date {
  const sameDay = atLocalTime(after, 0, localTime, zone)
  return sameDay.getTime() > after.getTime() ? sameDay : atLocalTime(after, 1, localTime, zone)
}

/**
 * The end of the local date `dayOffset` days after `instant`'s local date in `zone`: its last
 * whole second (23:59:59 local). Whole seconds store exactly in DATETIME/TIMESTAMP columns;
 * MySQL would round 23:59:59.999 up into the next day.
 */
export function endOfLocalDay(instant: Date, dayOffset: number, zone: string): Date {
  const date = localDateAfter(instant, dayOffset, zone)
  return instantOf({ ...date, hour: 23, minute: 59, second: 59 }, zone)
}

function parseLocalTime(value: string): { hour: number; minute: number } {
  const match = typeof value === 'string' ? LOCAL_TIME_PATTERN.exec(value) : null
  if (!match) {
    throw new RangeError(
      `Invalid local time ${JSON.stringify(value)}: expected "HH:mm" from "00:00" to "23:59"`
    )
  }
  return { hour: Number(match[1]), minute: Number(match[2]) }
}

function assertValidZone(zone: string): string {
  if (!isValidZone(zone)) {
    throw new RangeError(
      `Unknown time zone ${JSON.stringify(zone)}: expected an IANA name such as "Asia/Shanghai"`
    )
  }
  return zone
}

function assertValidInstant(instant: Date): Date {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new RangeError(`Invalid instant ${String(instant)}: expected a valid Date`)
  }
  return instant
}

/** The local calendar date of `instant` in `zone`, moved by whole calendar days. */
function localDateAfter(
  instant: Date,
  dayOffset: number,
  zone: string
): Pick<WallClock, 'year' | 'month' | 'day'> {
  if (!Number.isInteger(dayOffset)) {
    throw new RangeError(`Invalid day offset ${String(dayOffset)}: expected a whole number of days`)
  }
  const local = DateTime.fromJSDate(assertValidInstant(instant), { zone: assertValidZone(zone) })
  // Calendar arithmetic in UTC, where every day has 24 hours: a DST change cannot shift the date.
  const date = DateTime.utc(local.year, local.month, local.day).plus({ days: dayOffset })
  return { year: date.year, month: date.month, day: date.day }
}

/**
 * The instant a wall clock in `zone` shows `wall`. Luxon already moves a time in a gap forward;
 * for a time that occurs twice it picks the later offset, so take the earliest possibility.
 */
function instantOf(wall: WallClock, zone: string): Date {
  const candidate = DateTime.fromObject(wall, { zone })
  const earliest = candidate
    .getPossibleOffsets()
    .reduce((best, option) => (option.toMillis() < best.toMillis() ? option : best), candidate)
  return earliest.toJSDate()
}
