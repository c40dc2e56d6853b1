/*
 * What can go wrong when calling WeCom. WeCom answers HTTP 200 with an `errcode` in the body; the
 * client turns errcodes into WecomApiError, and transport failures (or retries used up) into
 * WecomUnavailableError, which callers treat as "WeCom is down, try later" (the backend's 503).
 */

/** The access token is invalid (40001, 40014) or expired (42001): fetch a new one and retry once. */
export const TOKEN_ERRCODES: readonly number[] = [40001, 40014, 42001]

/** WeCom is busy (-1) or rate limits us (45009, 45033): back off and retry. */
export const RETRYABLE_ERRCODES: readonly number[] = [-1, 45009, 45033]

/** WeCom answered with an errcode that retrying will not fix (bad params, unknown user, ...). */
export class WecomApiError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
    /** The API path that answered, e.g. `/cgi-bin/externalcontact/get`. */
    readonly path: string
  ) {
    super(`WeCom ${path} answered ${errcode}: ${errmsg}`)
    this.name = 'WecomApiError'
  }
}

/**
 * WeCom could not be reached or kept failing: a network error, a timeout, a non-2xx answer, or
 * the retries for busy/rate-limit errcodes ran out. `cause` holds the last underlying failure.
 */
export class WecomUnavailableError extends Error {
  constructor(
    message: string,
    readonly path: string,
    options?: { cause?: unknown }
  ) {
    super(message, options)
    this.name = 'WecomUnavailableError'
  }
}
