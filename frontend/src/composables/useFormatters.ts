import { useI18n } from 'vue-i18n'

/** Dates and times in the current UI language. */
export function useFormatters() {
  const { locale } = useI18n()

  function dateTime(value: string | number | null | undefined): string {
    if (value === null || value === undefined || value === '') return '—'
    const date = new Date(value)
    if (Number.isNaN(date.getTime())) return String(value)
    return new Intl.DateTimeFormat(locale.value, { dateStyle: 'medium', timeStyle: 'short' }).format(date)
  }

  return { dateTime }
}
