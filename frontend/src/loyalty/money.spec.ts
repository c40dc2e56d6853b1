import { describe, expect, it } from 'vitest'
import { formatYuan, isMoney, toCents } from './money'

describe('money as the API sends it (decimal strings of yuan)', () => {
  it('reads amounts into exact cents, whatever the number of decimals', () => {
    expect(toCents('56')).toBe(5600)
    expect(toCents('56.5')).toBe(5650)
    expect(toCents('0.29')).toBe(29)
    expect(toCents('1999.99')).toBe(199999)
    expect(() => toCents('12.345')).toThrow(RangeError)
  })

  it('shows yuan with the ¥ sign, grouped thousands and two decimals', () => {
    expect(formatYuan('56.00')).toBe('¥56.00')
    expect(formatYuan('12345.6')).toBe('¥12,345.60')
    expect(formatYuan('1000000')).toBe('¥1,000,000.00')
    expect(formatYuan(null)).toBe('—')
  })

  it('accepts what the API accepts as an amount, and nothing negative', () => {
    expect(isMoney('100')).toBe(true)
    expect(isMoney('100.5')).toBe(true)
    expect(isMoney('-1')).toBe(false)
    expect(isMoney('1,000')).toBe(false)
  })
})
