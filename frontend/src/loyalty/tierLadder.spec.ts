import { describe, expect, it } from 'vitest'
import { ApiError } from '@/api/errors'
import { ladderErrorsFrom, ladderRow, validateLadder } from './tierLadder'

const rows = (...rungs: [string, string, string][]) =>
  rungs.map(([code, threshold, multiplier]) => ladderRow({ code, name: code, threshold, multiplier }))

describe('checking a tier ladder before it is saved', () => {
  it('accepts a ladder that starts at 0 and rises', () => {
    expect(validateLadder(rows(['member', '0.00', '1.00'], ['gold', '2000', '1.2'], ['platinum', '8000.00', '1.5']))).toEqual({})
  })

  it('puts a threshold that does not rise on its own row', () => {
    const errors = validateLadder(rows(['member', '0', '1'], ['gold', '2000', '1.2'], ['platinum', '2000.00', '1.5']))
    expect(Object.keys(errors)).toEqual(['2'])
    expect(errors[2]?.threshold).toBe('门槛需高于上一级（¥2000）')
  })

  it('wants the first tier to start at 0 and every multiplier above 0', () => {
    const errors = validateLadder(rows(['member', '100', '0'], ['gold', '2000', '1.2']))
    expect(errors[0]).toEqual({ threshold: '第一个等级的门槛必须是 0', multiplier: '积分倍数需大于 0' })
  })

  it('refuses codes used twice or not in lower case', () => {
    const errors = validateLadder(rows(['member', '0', '1'], ['Gold', '10', '1'], ['member', '20', '1']))
    expect(errors[1]?.code).toBe('只能用小写字母、数字和 _')
    expect(errors[2]?.code).toBe('编码重复')
  })
})

describe('placing the server’s answer to a save', () => {
  it('puts `tiers.N.field` on row N and the rest above the table', () => {
    const error = new ApiError(422, [
      { message: 'A multiplier is more than 0', field: 'tiers.1.multiplier' },
      { message: 'Tier silver is still held by members', field: 'tiers' },
    ])
    expect(ladderErrorsFrom(error)).toEqual({
      rows: { 1: { multiplier: 'A multiplier is more than 0' } },
      general: 'Tier silver is still held by members',
    })
  })

  it('explains a failure that is not about the ladder in the console’s own words', () => {
    expect(ladderErrorsFrom(new ApiError(503, [{ message: 'mysql down' }])).general).toBe('服务暂时不可用，请稍后再试。')
  })
})
