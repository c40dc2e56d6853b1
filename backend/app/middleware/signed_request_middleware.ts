import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import encryption from '@adonisjs/core/services/encryption'
import limiter from '@adonisjs/limiter/services/main'
import { DateTime } from 'luxon'
import { HEADERS, isFreshTimestamp, verifySignature } from '@rapport/pos'
import IntegrationApp from '#models/integration_app'
import { IntegrationAppStatus, type IntegrationScope } from '#enums/integration'
import { ForbiddenException, UnauthorizedException } from '#exceptions/api_exceptions'
import { lastUseIsStale } from '#services/last_use'

/**
 * Requests one integration key may make per minute: room for a busy POS replaying a day of
 * orders (2,000 a second), a stop for a runaway client.
 */
const perKey = limiter.use({ requests: 120_000, duration: '1 min' })

/**
 * Authenticates a POS/mall/mini-program call (CONTRACTS section 3): known active key, a
 * timestamp within 300 s, an HMAC over the raw body compared in constant time, then the
 * route's scope and the per-key rate limit. Nothing is recorded for a refused request.
 * The body parser ran before this, so an oversized body has already answered 413.
 */
export default class SignedRequestMiddleware {
  async handle(ctx: HttpContext, next: NextFn, options: { scope: IntegrationScope }) {
    const keyId = ctx.request.header(HEADERS.key)
    const timestamp = ctx.request.header(HEADERS.timestamp)
    const signature = ctx.request.header(HEADERS.signature)

    const app = keyId ? await IntegrationApp.findBy('keyId', keyId) : null
    if (!app || app.status !== IntegrationAppStatus.Active) {
      throw new UnauthorizedException('Unknown or revoked integration key', 'invalid_key')
    }
    if (!isFreshTimestamp(timestamp)) {
      throw new UnauthorizedException('The timestamp is missing or more than 300 s off', 'stale_timestamp')
    }
    const secret = encryption.decrypt<string>(app.secretEncrypted)
    if (!secret || !verifySignature(secret, timestamp!, ctx.request.raw() ?? '', signature)) {
      throw new UnauthorizedException('The signature does not match', 'invalid_signature')
    }
    if (!app.scopes.includes(options.scope)) {
      throw new ForbiddenException(`This key may not call the ${options.scope} scope`, 'missing_scope')
    }
    await perKey.consume(`integration_${app.keyId}`)

    ctx.integrationApp = app
    if (lastUseIsStale(app.lastUsedAt)) {
      app.lastUsedAt = DateTime.utc()
      await app.save()
    }
    return next()
  }
}

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    integrationApp?: IntegrationApp
  }
}
