import type { Tier, TierInput } from '@/api/tiers'
import { toApiError, userMessage } from '@/api/errors'
import { t } from '@/i18n'
import { isMoney, toCents } from './money'

/** A rung being edited; `key` keeps rows apart in the table while codes are typed. */
export interface LadderRow {
  key: number
  code: string
  name: string
  threshold: string
  multiplier: string
  benefits: string
}

export type LadderField = 'code' | 'name' | 'threshold' | 'multiplier' | 'benefits'

/** Messages by row index, then field. */
export type LadderErrors = Record<number, Partial<Record<LadderField, string>>>

export const MAX_TIERS = 10
const CODE = /^[a-z0-9_]+$/
const MULTIPLIER = /^\d{1,2}(\.\d{1,2})?$/

let nextKey = 1
export function ladderRow(tier?: Partial<Tier>): LadderRow {
  return {
    key: nextKey++,
    code: tier?.code ?? '',
    name: tier?.name ?? '',
    threshold: tier?.threshold ?? '',
    multiplier: tier?.multiplier ?? '1.00',
    benefits: tier?.benefits ?? '',
  }
}

/**
 * The rules the server enforces, checked before sending so a mistake is shown on its row at
 * once: codes distinct and lower-case, the first threshold 0, thresholds rising, multipliers
 * above 0.
 */
export function validateLadder(rows: readonly LadderRow[]): LadderErrors {
  const errors: LadderErrors = {}
  const put = (index: number, field: LadderField, message: string) => {
    errors[index] ??= {}
    errors[index][field] ??= message
  }
  const seen = new Set<string>()
  rows.forEach((row, index) => {
    const code = row.code.trim()
    if (!code) put(index, 'code', t('tiers.errors.codeRequired'))
    else if (!CODE.test(code)) put(index, 'code', t('tiers.errors.codeFormat'))
    else if (seen.has(code)) put(index, 'code', t('tiers.errors.codeTaken'))
    seen.add(code)

    if (!row.name.trim()) put(index, 'name', t('tiers.errors.nameRequired'))

    if (!isMoney(row.threshold)) put(index, 'threshold', t('tiers.errors.thresholdFormat'))
    else if (index === 0 && toCents(row.threshold) !== 0) put(index, 'threshold', t('tiers.errors.firstThresholdZero'))
    else if (index > 0) {
      const previous = rows[index - 1]!.threshold
      if (isMoney(previous) && toCents(row.threshold) <= toCents(previous)) {
        put(index, 'threshold', t('tiers.errors.thresholdRising', { previous }))
      }
    }

    if (!MULTIPLIER.test(row.multiplier.trim())) put(index, 'multiplier', t('tiers.errors.multiplierFormat'))
    else if (toCents(row.multiplier) <= 0) put(index, 'multiplier', t('tiers.errors.multiplierPositive'))
  })
  return errors
}

export function toTierInputs(rows: readonly LadderRow[]): TierInput[] {
  return rows.map((row) => ({
    code: row.code.trim(),
    name: row.name.trim(),
    threshold: row.threshold.trim(),
    multiplier: row.multiplier.trim(),
    ...(row.benefits.trim() ? { benefits: row.benefits.trim() } : {}),
  }))
}

const FIELDS: readonly string[] = ['code', 'name', 'threshold', 'multiplier', 'benefits']

/**
 * A failed save, split into what belongs on a row (`tiers.2.threshold`) and what concerns the
 * whole ladder (`tiers`: codes not distinct, a removed tier still held by members).
 */
export function ladderErrorsFrom(error: unknown): { rows: LadderErrors; general: string | null } {
  const apiError = toApiError(error)
  const rows: LadderErrors = {}
  const unplaced: string[] = []
  for (const entry of apiError.errors) {
    const [, index, field] = /^tiers\.(\d+)\.(\w+)$/.exec(entry.field ?? '') ?? []
    if (index !== undefined && field && FIELDS.includes(field)) {
      const row = (rows[Number(index)] ??= {})
      row[field as LadderField] ??= entry.message
    } else {
      unplaced.push(entry.message)
    }
  }
  if (unplaced.length === 0) return { rows, general: null }
  const explainsItself = apiError.status === 422 || apiError.status === 409
  return { rows, general: explainsItself ? unplaced.join(' ') : userMessage(error) }
}
