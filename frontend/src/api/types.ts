/** Shapes shared by every resource of the API (base `/api/v1`). */

export interface ListMeta {
  total: number
  page: number
  per_page: number
}

export interface Paginated<T> {
  data: T[]
  meta: ListMeta
}

export interface PageQuery {
  page?: number
  per_page?: number
}

/** A store as embedded in other records. */
export interface StoreRef {
  id: number
  code: string
  name: string
}

export interface Region {
  id: number
  code: string
  name: string
}

/** Per-call options of the request client. */
export interface RequestOptions {
  /** The caller shows errors itself (inline error state, form field errors): no toast. */
  silent?: boolean
}
