/** One page of a list query, with the total count of its matches. */
import type { Knex } from 'knex';

export async function pageOf<T>(
  query: Knex.QueryBuilder,
  order: { column: string; order: 'asc' | 'desc' }[],
  page: { page: number; pageSize: number },
  map: (row: Record<string, unknown>) => T,
): Promise<{ items: T[]; total: number }> {
  const [{ n }] = await query.clone().clearSelect().count({ n: '*' });
  const rows = await query
    .orderBy(order)
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize);
  return { items: rows.map(map), total: Number(n) };
}
