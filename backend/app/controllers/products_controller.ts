import type { HttpContext } from '@adonisjs/core/http'
import Product from '#models/product'
import { paginate } from '#queries/paginate'
import { containing, startingWith } from '#queries/like'
import { productSearchValidator } from '#validators/conversation'

/**
 * The product catalogue, searched by SKU or name: what a guide picks for a product card.
 */
export default class ProductsController {
  async index({ request }: HttpContext) {
    const input = await request.validateUsing(productSearchValidator, { data: request.qs() })
    const query = Product.query().orderBy('name').orderBy('id')
    const q = input.q?.trim()
    if (q) query.where((match) => match.where('sku', 'like', startingWith(q)).orWhere('name', 'like', containing(q)))
    return paginate(query, input, (product) => ({
      id: product.id,
      sku: product.sku,
      name: product.name,
      category: product.category,
      price: Number(product.price).toFixed(2),
    }))
  }
}
