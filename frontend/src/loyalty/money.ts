/**
 * Money crosses the API as decimal strings with at most two places ("56.00", yuan). Anything
 * that compares or divides amounts works on integer cents parsed from the string, never on
 * floats (0.1 + 0.2 is not 0.3).
 */
export type Cents = number

const MONEY = /^(-)?(\d{1,10})(?:\.(\d{1,2}))?$/

/** True for what the API accepts as an amount: "56", "56.5", "56.00" (not negative). */
export function isMoney(value: string): boolean {
  return /^\d{1,10}(\.\d{1,2})?$/.test(value.trim())
}

export function toCents(amount: string): Cents {
  const match = MONEY.exec(amount.trim())
  if (!match) throw new RangeError(`Not a money amount: ${amount}`)
  const cents = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'))
  return match[1] ? -cents : cents
}

export function fromCents(cents: Cents): string {
  const sign = cents < 0 ? '-' : ''
  const abs = Math.abs(cents)
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

/** "12345.6" → "¥12,345.60": grouping is done on the digits, not through a float. */
export function formatYuan(amount: string | null | undefined): string {
  if (amount === null || amount === undefined || amount === '') return '—'
  let cents: Cents
  try {
    cents = toCents(amount)
  } catch {
    return `¥${amount}`
  }
  const [whole, fraction] = fromCents(Math.abs(cents)).split('.') as [string, string]
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${cents < 0 ? '-' : ''}¥${grouped}.${fraction}`
}
