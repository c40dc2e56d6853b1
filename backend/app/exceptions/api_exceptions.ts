import { Exception } from '@adonisjs/core/exceptions'

/**
 * Errors the API answers on purpose. Each carries the status, a message for people and a
 * stable code for programs; the handler renders them as {"errors":[{message, code, field?}]}.
 */
export class ApiException extends Exception {
  constructor(
    message: string,
    status: number,
    code: string,
    readonly field?: string
  ) {
    super(message, { status, code })
  }
}

export class UnauthorizedException extends ApiException {
  constructor(message = 'Not authenticated', code = 'unauthorized') {
    super(message, 401, code)
  }
}

export class ForbiddenException extends ApiException {
  constructor(message = 'You are not allowed to do this', code = 'forbidden') {
    super(message, 403, code)
  }
}

/**
 * Absent, or outside the caller's data scope: both answer the same.
 */
export class NotFoundException extends ApiException {
  constructor(message = 'Not found', code = 'not_found') {
    super(message, 404, code)
  }
}

export class ConflictException extends ApiException {
  constructor(message: string, code = 'conflict', field?: string) {
    super(message, 409, code, field)
  }
}

export class UnprocessableException extends ApiException {
  constructor(message: string, field?: string, code = 'invalid') {
    super(message, 422, code, field)
  }
}

export class TooManyRequestsException extends ApiException {
  constructor(message = 'Too many requests, try again later') {
    super(message, 429, 'rate_limited')
  }
}

export class DependencyDownException extends ApiException {
  constructor(dependency: string) {
    super(`${dependency} is unavailable, try again shortly`, 503, 'dependency_down', dependency)
  }
}
