import app from '@adonisjs/core/services/app'
import { ExceptionHandler, type HttpContext } from '@adonisjs/core/http'
import { errors as vineErrors } from '@vinejs/vine'
import { errors as limiterErrors } from '@adonisjs/limiter'
import { ApiException } from '#exceptions/api_exceptions'
import { InvalidDefinition } from '#queries/segments/definition'

export type ApiError = { message: string; field?: string; code?: string }

/**
 * Renders every error as `status + {"errors":[...]}` (CONTRACTS section 2). Bad input is never
 * a 500: framework and driver errors that mean "bad input" or "conflict" are mapped here.
 */
export default class HttpExceptionHandler extends ExceptionHandler {
  protected debug = !app.inProduction

  async handle(error: unknown, ctx: HttpContext) {
    const { status, errors } = toApiErrors(error)
    if (error instanceof limiterErrors.E_TOO_MANY_REQUESTS) {
      ctx.response.header('Retry-After', String(error.response.availableIn))
    }
    if (status >= 500) {
      ctx.logger.error({ err: error }, 'request failed')
    }
    return ctx.response.status(status).send({ errors })
  }

  async report(error: unknown, ctx: HttpContext) {
    return super.report(error, ctx)
  }
}

function toApiErrors(error: unknown): { status: number; errors: ApiError[] } {
  if (error instanceof vineErrors.E_VALIDATION_ERROR) {
    const messages = error.messages as { field: string; message: string; rule: string }[]
    return {
      status: 422,
      errors: messages.map((m) => ({ message: m.message, field: m.field, code: m.rule })),
    }
  }
  if (error instanceof InvalidDefinition) {
    return { status: 422, errors: error.errors }
  }
  if (error instanceof ApiException) {
    return {
      status: error.status,
      errors: [{ message: error.message, code: error.code, ...(error.field ? { field: error.field } : {}) }],
    }
  }

  const e = error as { status?: number; code?: string; message?: string; name?: string }
  const code = e?.code ?? ''
  const message = e?.message ?? 'Unexpected error'

  switch (code) {
    case 'E_ROUTE_NOT_FOUND':
    case 'E_ROW_NOT_FOUND':
      return one(404, 'Not found', 'not_found')
    case 'E_UNAUTHORIZED_ACCESS':
      return one(401, 'Not authenticated', 'unauthorized')
    case 'E_INVALID_CREDENTIALS':
      return one(401, 'Wrong email or password', 'invalid_credentials')
    case 'E_AUTHORIZATION_FAILURE':
      return e.status === 404
        ? one(404, 'Not found', 'not_found')
        : one(403, 'You are not allowed to do this', 'forbidden')
    case 'E_TOO_MANY_REQUESTS':
      return one(429, 'Too many requests, try again later', 'rate_limited')
    case 'E_REQUEST_ENTITY_TOO_LARGE':
      return one(413, 'The request body is too large', 'payload_too_large')
    case 'ER_DUP_ENTRY':
      return one(409, 'A record with the same unique value already exists', 'conflict')
    case 'ER_NO_REFERENCED_ROW_2':
      return one(422, 'A referenced record does not exist', 'invalid_reference')
    case 'ECONNREFUSED':
    case 'ETIMEDOUT':
      return one(503, 'A dependency is unavailable, try again shortly', 'dependency_down')
  }
  if (e?.name === 'MaxRetriesPerRequestError') {
    return one(503, 'redis is unavailable, try again shortly', 'dependency_down')
  }
  if (message.startsWith('Invalid JSON') || (e?.status === 400 && /JSON/i.test(message))) {
    return one(400, 'The request body is not valid JSON', 'invalid_json')
  }
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    return one(e.status, message, 'bad_request')
  }
  return one(500, app.inProduction ? 'Internal server error' : message, 'internal_error')
}

function one(status: number, message: string, code: string) {
  return { status, errors: [{ message, code }] }
}
