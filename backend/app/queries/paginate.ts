import type { LucidModel, ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'

export type Page<T> = { data: T[]; meta: { total: number; page: number; per_page: number } }

/**
 * Runs a list query one page at a time and answers in the API's list shape.
 */
export async function paginate<M extends LucidModel, T>(
  query: ModelQueryBuilderContract<M, InstanceType<M>>,
  params: { page?: number; per_page?: number },
  present: (row: InstanceType<M>) => T
): Promise<Page<T>> {
  const page = params.page ?? 1
  const perPage = params.per_page ?? 20
  const result = await query.paginate(page, perPage)
  return {
    data: (result.all() as InstanceType<M>[]).map((row) => present(row)),
    meta: { total: result.total, page, per_page: perPage },
  }
}
