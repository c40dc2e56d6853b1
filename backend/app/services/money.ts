/**
 * Money is exact: decimal strings with at most two places ("56.00", yuan) at the edges, integer
 * cents inside. Never a float.
 */
export type Cents = number

const MONEY = /^(\d{1,10})(?:\.(\d{1,2}))?$/

export function toCents(amount: string): Cents {
  const match = MONEY.exec(amount)
  if (!match) throw new RangeError(`Not a money amount: ${amount}`)
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'))
}

export function fromCents(cents: Cents): string {
  const sign = cents < 0 ? '-' : ''
  const abs = Math.abs(cents)
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

/**
 * A multiplier such as "1.2" or "1.50" in hundredths (120, 150).
 */
export function toHundredths(multiplier: string): number {
  return toCents(multiplier)
}
