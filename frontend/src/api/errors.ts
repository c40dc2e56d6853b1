import { isAxiosError } from 'axios'
import { t } from '@/i18n'

/** One entry of the API's `{"errors":[...]}` body. */
export interface ApiErrorEntry {
  message: string
  field?: string
  code?: string
}

/**
 * Every failed request rejects with this. `status` is 0 when no answer came back (network down,
 * timeout, request aborted).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errors: ApiErrorEntry[]
  ) {
    super(errors[0]?.message ?? `Request failed (${status})`)
    this.name = 'ApiError'
  }

  get code(): string | undefined {
    return this.errors[0]?.code
  }
}

function isErrorEntry(value: unknown): value is ApiErrorEntry {
  return typeof value === 'object' && value !== null && typeof (value as ApiErrorEntry).message === 'string'
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error
  if (isAxiosError(error)) {
    const status = error.response?.status ?? 0
    const body = error.response?.data as { errors?: unknown } | undefined
    const entries = Array.isArray(body?.errors) ? body.errors.filter(isErrorEntry) : []
    return new ApiError(status, entries.length ? entries : [{ message: error.message }])
  }
  return new ApiError(0, [{ message: error instanceof Error ? error.message : String(error) }])
}

/**
 * What to tell a person about a failed request. Statuses whose meaning does not depend on the
 * request get our own translated text; for the others (400, 409, 422) the server's message says
 * what was wrong.
 */
export function userMessage(error: unknown): string {
  const apiError = toApiError(error)
  switch (apiError.status) {
    case 0:
      return t('errors.network')
    case 401:
      return t('errors.unauthorized')
    case 403:
      return t('errors.forbidden')
    case 404:
      return t('errors.notFound')
    case 429:
      return t('errors.tooManyAttempts')
    case 503:
      return t('errors.unavailable')
  }
  if (apiError.status >= 500) return t('errors.server')
  return apiError.errors[0]?.message ?? t('errors.unknown')
}

/**
 * Field errors of a 422 (or a 409 that names its field), keyed by the form field they belong
 * to. Nested fields (`scopes.0`) belong to their top-level field; the first message wins.
 */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  const apiError = toApiError(error)
  if (apiError.status !== 422 && apiError.status !== 409) return {}
  const result: Record<string, string> = {}
  for (const entry of apiError.errors) {
    if (!entry.field) continue
    const field = entry.field.split('.')[0]!
    result[field] ??= entry.message
  }
  return result
}
