import { apiClient, compactParams } from './client'
import type { PageQuery, Paginated, RequestOptions } from './types'

/** A product of the catalogue (the POS upserts them), as product cards carry it. */
export interface Product {
  id: number
  sku: string
  name: string
  category: string | null
  /** Decimal string (yuan). */
  price: string | null
  image_url?: string | null
}

export const productsApi = {
  /** By SKU or name. */
  async search(query: { q?: string } & PageQuery, options: RequestOptions = {}): Promise<Paginated<Product>> {
    const { data } = await apiClient.get<Paginated<Product>>('/products', { params: compactParams(query), ...options })
    return data
  },
}
