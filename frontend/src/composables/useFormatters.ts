import { useI18n } from 'vue-i18n'
import { formatYuan } from '@/loyalty/money'

/** Dates, times and money in the current UI language. */
export function useFormatters() {
  const { locale } = useI18n()

  function format(value: string | number | null | undefined, options: Intl.DateTimeFormatOptions): string {
    if (value === null || value === undefined || value === '') return '—'
    const date = new Date(value)
    if (Number.isNaN(date.getTime())) return String(value)
    return new Intl.DateTimeFormat(locale.value, options).format(date)
  }

  function dateTime(value: string | number | null | undefined): string {
    return format(value, { dateStyle: 'medium', timeStyle: 'short' })
  }

  function date(value: string | number | null | undefined): string {
    return format(value, { dateStyle: 'medium' })
  }

  /** A decimal string of yuan ("56.00") as "¥56.00"; no float arithmetic. */
  function money(value: string | null | undefined): string {
    return formatYuan(value)
  }

  return { dateTime, date, money }
}
