import { describe, expect, it } from 'vitest'
import { parseMemberIds } from './memberIds'

describe('member ids pasted into the issue dialog', () => {
  it('reads ids separated by lines, commas (also full-width) and spaces, once each', () => {
    expect(parseMemberIds('101\n102, 103，104 101;105')).toEqual({ ids: [101, 102, 103, 104, 105], invalid: [] })
  })

  it('names what is not an id instead of dropping it silently', () => {
    expect(parseMemberIds('101 M00000102 0 -3')).toEqual({ ids: [101], invalid: ['M00000102', '0', '-3'] })
  })
})
