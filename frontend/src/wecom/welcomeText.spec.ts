import { describe, expect, it } from 'vitest'
import { utf8ByteLength, WELCOME_TEXT_MAX_BYTES, welcomeTextFits } from './welcomeText'

describe('the welcome text length, as WeCom counts it', () => {
  it('counts UTF-8 bytes: a Latin letter is 1, a Chinese character 3, an emoji 4', () => {
    expect(utf8ByteLength('Hi!')).toBe(3)
    expect(utf8ByteLength('你好')).toBe(6)
    expect(utf8ByteLength('😀')).toBe(4)
    expect(utf8ByteLength('欢迎 Ada 👋')).toBe(3 + 3 + 1 + 3 + 1 + 4)
    expect(utf8ByteLength('')).toBe(0)
  })

  it('lets 4000 bytes through and refuses one more, however few characters that is', () => {
    expect(WELCOME_TEXT_MAX_BYTES).toBe(4000)
    expect(welcomeTextFits('好'.repeat(1333) + 'a')).toBe(true) // 3999 + 1 bytes
    expect(welcomeTextFits('好'.repeat(1334))).toBe(false) // 1334 characters, 4002 bytes
    expect(welcomeTextFits('a'.repeat(4001))).toBe(false)
  })
})
