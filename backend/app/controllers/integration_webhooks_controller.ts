import type { HttpContext } from '@adonisjs/core/http'
import UpsertStores from '#actions/stores/upsert_stores'
import UpsertProducts from '#actions/catalog/upsert_products'
import { actor } from '#services/audit'
import { upsertProductsValidator, upsertStoresValidator } from '#validators/store'

/**
 * Signed webhooks from POS/ERP and the mall (the `signed` middleware authenticated them).
 */
export default class IntegrationWebhooksController {
  async stores(ctx: HttpContext) {
    const records = await ctx.request.validateUsing(upsertStoresValidator, { data: ctx.request.body() })
    return new UpsertStores().handle(records, actor.integration(ctx.integrationApp!, ctx))
  }

  async products(ctx: HttpContext) {
    const records = await ctx.request.validateUsing(upsertProductsValidator, { data: ctx.request.body() })
    return new UpsertProducts().handle(records, actor.integration(ctx.integrationApp!, ctx))
  }
}
