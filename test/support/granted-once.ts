/**
 * What every reliability test asks at its end: each of `count` unconditional
 * requests was granted exactly once — one request row, one grant, one
 * "granted" event, one audit entry, a notice to each department, and one
 * "submitted" event — however its servers were killed on the way.
 */
import type { Db } from '../../db/connection';

export const countRows = async (db: Db, table: string, where: Record<string, string> = {}) =>
  Number((await db(table).where(where).count({ n: '*' }))[0].n);

export async function expectEachGrantedOnce(db: Db, count: number): Promise<void> {
  expect(await countRows(db, 'sharing_requests')).toBe(count);
  expect(await countRows(db, 'grants')).toBe(count);
  expect(await countRows(db, 'case_events', { action: 'granted_at_once' })).toBe(count);
  expect(await countRows(db, 'audit_log', { action: 'sharing_request.granted_at_once' })).toBe(count);
  expect(await countRows(db, 'notifications', { kind: 'result' })).toBe(2 * count);
  const perRequest = await db('case_events')
    .where({ action: 'submitted' })
    .groupBy('case_id')
    .select('case_id')
    .count({ n: '*' });
  expect(perRequest).toHaveLength(count);
  expect(perRequest.every((r) => Number(r.n) === 1)).toBe(true);
}
