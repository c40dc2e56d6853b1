import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import StaticMiddleware from '@adonisjs/static/static_middleware'

/**
 * The built console's files, served for every path but the API's: serve-static looks on the
 * disk for the path of every GET before it falls through, and no file lives under /api/.
 */
@inject()
export default class ConsoleAssetsMiddleware {
  constructor(protected assets: StaticMiddleware) {}

  handle(ctx: HttpContext, next: NextFn) {
    if (ctx.request.url().startsWith('/api/')) return next()
    return this.assets.handle(ctx, next)
  }
}
