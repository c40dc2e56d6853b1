import { DateTime } from 'luxon'

/**
 * Options for a `timestamp(3)` column: Lucid's default format drops the milliseconds, which
 * message times and response times need.
 */
export const millis = {
  prepare: (value: unknown) =>
    DateTime.isDateTime(value) ? value.toUTC().toFormat('yyyy-MM-dd HH:mm:ss.SSS') : value,
}
