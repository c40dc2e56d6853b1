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
  /** Cancels the request (a live count superseded by a newer edit). */
  signal?: AbortSignal
}

/** Options of a write the server runs once per key: a retried or double-clicked post is answered, not repeated. */
export interface IdempotentRequestOptions extends RequestOptions {
  /** Sent as `Idempotency-Key`; one per dialog open (see `useIdempotencyKey`). */
  idempotencyKey: string
}

/** A staff member as embedded in other records. */
export interface StaffRef {
  id: number
  name: string
}
