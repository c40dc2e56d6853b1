import vine from '@vinejs/vine'

/**
 * `?page=&per_page=` (per_page ≤ 100), shared by every list.
 */
export const paginationFields = {
  page: vine.number().withoutDecimals().min(1).optional(),
  per_page: vine.number().withoutDecimals().min(1).max(100).optional(),
}
