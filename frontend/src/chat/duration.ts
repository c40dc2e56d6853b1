/** Words for each unit, in the UI language ("{n} 分钟" / "{n} min"). */
export interface DurationWords {
  hours: (n: number) => string
  minutes: (n: number) => string
  seconds: (n: number) => string
}

/** A response time as people read it: "45 s", "3 min 20 s", "2 h 5 min"; "—" when there is none. */
export function formatDuration(seconds: number | null | undefined, words: DurationWords): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '—'
  const total = Math.round(seconds)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  if (h > 0) return [words.hours(h), m ? words.minutes(m) : ''].filter(Boolean).join(' ')
  if (m > 0) return [words.minutes(m), s ? words.seconds(s) : ''].filter(Boolean).join(' ')
  return words.seconds(s)
}
