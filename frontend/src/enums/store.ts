/** Mirrors backend/app/enums/store.ts. */
export enum StoreStatus {
  Open = 'open',
  Closed = 'closed',
}

export const STORE_STATUSES = Object.values(StoreStatus)
