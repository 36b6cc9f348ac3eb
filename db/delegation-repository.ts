/** Delegations (代理): who stands in for whom, in which role, over which days. */
import { localIso } from '../domain/calendar/working-days';
import type { Db } from './connection';

export interface Delegation {
  id: string;
  from: string;
  to: string;
  department: string;
  role: string;
  startsOn: string;
  endsOn: string;
  reason: string | null;
  createdAt: string;
  revokedAt: string | null;
  revokedBy: string | null;
}

type Row = Record<string, unknown>;

const fromRow = (r: Row): Delegation => ({
  id: r.id as string,
  from: r.from_username as string,
  to: r.to_username as string,
  department: r.department_code as string,
  role: r.role as string,
  startsOn: r.starts_on as string,
  endsOn: r.ends_on as string,
  reason: (r.reason as string | null) ?? null,
  createdAt: localIso(r.created_at_ms),
  revokedAt: r.revoked_at_ms == null ? null : localIso(r.revoked_at_ms),
  revokedBy: (r.revoked_by as string | null) ?? null,
});

export async function insertDelegation(db: Db, d: Omit<Delegation, 'createdAt' | 'revokedAt' | 'revokedBy'>) {
  await db('delegations').insert({
    id: d.id,
    from_username: d.from,
    to_username: d.to,
    department_code: d.department,
    role: d.role,
    starts_on: d.startsOn,
    ends_on: d.endsOn,
    reason: d.reason,
    created_at_ms: Date.now(),
  });
}

export async function getDelegation(db: Db, id: string): Promise<Delegation | null> {
  const row = await db('delegations').where({ id }).first();
  return row ? fromRow(row) : null;
}

/** A person's delegations, given and received, that have not ended before `today`; the latest first. */
export async function delegationsOf(db: Db, username: string, today: string): Promise<Delegation[]> {
  const rows = await db('delegations')
    .where((w) => w.where('from_username', username).orWhere('to_username', username))
    .andWhere('ends_on', '>=', today)
    .orderBy([
      { column: 'starts_on', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(100);
  return rows.map(fromRow);
}

/** Whether `from` already hands `role` to someone on a day of [startsOn, endsOn]. */
export async function overlapping(
  db: Db,
  d: { from: string; role: string; startsOn: string; endsOn: string },
): Promise<Delegation | null> {
  const row = await db('delegations')
    .where({ from_username: d.from, role: d.role })
    .whereNull('revoked_at_ms')
    .andWhere('starts_on', '<=', d.endsOn)
    .andWhere('ends_on', '>=', d.startsOn)
    .first();
  return row ? fromRow(row) : null;
}

/** The people who hand their tasks to `to` on `today`, each with the role they hand over. */
export async function delegatorsOf(
  db: Db,
  to: string,
  today: string,
): Promise<{ from: string; role: string }[]> {
  const rows = await db('delegations')
    .where({ to_username: to })
    .whereNull('revoked_at_ms')
    .andWhere('starts_on', '<=', today)
    .andWhere('ends_on', '>=', today)
    .select('from_username', 'role');
  return rows.map((r: Row) => ({ from: r.from_username as string, role: r.role as string }));
}

/** Revokes a delegation not yet revoked; returns whether it changed. */
export async function revokeDelegation(db: Db, id: string, by: string): Promise<boolean> {
  return (
    (await db('delegations')
      .where({ id })
      .whereNull('revoked_at_ms')
      .update({ revoked_at_ms: Date.now(), revoked_by: by })) > 0
  );
}

/** Records whom a delegate decided a task for. */
export async function setCompletedFor(db: Db, taskId: string, username: string): Promise<void> {
  await db('tasks').where({ id: taskId }).update({ completed_for: username });
}
