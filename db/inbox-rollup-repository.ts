/**
 * The inbox's rollup (migration 038): `open_task_groups` holds, for each
 * candidate group (a role in a department, or city-wide with department
 * `''`), how many open tasks it may act on. An inbox reads its caller's
 * groups' counts in one small query: it skips the groups that hold nothing,
 * and, when one group holds all the caller's work, that group's count is the
 * inbox's total (counting the tasks themselves cost more than the page).
 *
 * The `count*` functions run inside the transaction that changed the
 * candidate rows, under the task row's lock, and only for rows that changed,
 * so retries never count twice; they add to that transaction's
 * `RollupChanges`. `rebuildInboxRollup` counts afresh (after a
 * bulk import).
 */
import type { CandidateGroup } from '../domain/roles';
import type { Db } from './connection';
import { recount, type RollupChanges, type RollupDefinition } from './rollup-counts';

export interface GroupCount extends CandidateGroup {
  open: number;
}

const keyOf = (g: CandidateGroup) => ({ role: g.role, department_code: g.department ?? '' });

/** Counts a task that has just become open for each of `groups` (new candidate rows of an open task). */
export function countGroupsOpened(rollups: RollupChanges, groups: readonly CandidateGroup[]): void {
  for (const g of groups) rollups.add('open_task_groups', keyOf(g), { n: 1 });
}

/** Uncounts an open task for each of `groups` (it was closed, or these groups no longer hold it). */
export function countGroupsClosed(rollups: RollupChanges, groups: readonly CandidateGroup[]): void {
  for (const g of groups) rollups.add('open_task_groups', keyOf(g), { n: -1 });
}

/** How many open tasks each of `groups` holds (0 for a group that holds none), in the order asked. */
export async function openCountsOf(db: Db, groups: readonly CandidateGroup[]): Promise<GroupCount[]> {
  if (groups.length === 0) return [];
  const rows: { role: string; department_code: string; n: unknown }[] = await db('open_task_groups')
    .whereIn(
      ['role', 'department_code'],
      groups.map((g) => [g.role, g.department ?? '']),
    )
    .select('role', 'department_code', 'n');
  const n = new Map(rows.map((r) => [`${r.role}|${r.department_code}`, Number(r.n)]));
  return groups.map((g) => ({
    role: g.role,
    department: g.department,
    open: n.get(`${g.role}|${g.department ?? ''}`) ?? 0,
  }));
}

/** The inbox's rollup, with the count it is rebuilt and checked from. */
export const INBOX_ROLLUP: RollupDefinition = {
  table: 'open_task_groups',
  keys: ['role', 'department_code'],
  counts: ['n'],
  recount: () => ({
    sql: `select role, coalesce(department_code, ''), count(*)
       from task_candidates where status = 'open' group by role, coalesce(department_code, '')`,
  }),
};

/** Counts every group's open tasks afresh from the candidate rows. */
export async function rebuildInboxRollup(db: Db): Promise<void> {
  await db.transaction((trx) => recount(trx, INBOX_ROLLUP));
}
