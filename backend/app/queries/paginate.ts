import type { LucidModel, ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'

export type Page<T> = { data: T[]; meta: { total: number; page: number; per_page: number } }

/**
 * Runs a list query one page at a time and answers in the API's list shape. The page is read
 * first: one that is not full (and not past the end) is the end of the list and gives the total
 * without counting, so a search that finds a few members (by phone, by member number) is one
 * query instead of two. Otherwise the total is counted as Lucid's paginate counts it.
 */
export async function paginate<M extends LucidModel, T>(
  query: ModelQueryBuilderContract<M, InstanceType<M>>,
  params: { page?: number; per_page?: number },
  present: (row: InstanceType<M>) => T
): Promise<Page<T>> {
  const page = params.page ?? 1
  const perPage = params.per_page ?? 20
  const rows = (await query.forPage(page, perPage)) as InstanceType<M>[]
  const last = rows.length < perPage && (rows.length > 0 || page === 1)
  const total = last ? (page - 1) * perPage + rows.length : await count(query)
  return { data: rows.map((row) => present(row)), meta: { total, page, per_page: perPage } }
}

async function count<M extends LucidModel>(query: ModelQueryBuilderContract<M, InstanceType<M>>) {
  const rows = await query.clone().clearOrder().clearLimit().clearOffset().clearSelect().count('* as total').pojo<{ total: number | string }>()
  return query.hasGroupBy ? rows.length : Number(rows[0].total)
}
