/**
 * The notices' delivery queue: due notices are claimed one by one with a
 * conditional update (so two workers never send one twice at once), then
 * marked delivered, or failed with the time of the next try.
 */
import type { Db } from './connection';
import { localIso } from '../domain/calendar/working-days';
import type { NotificationInput } from './task-repository';

export interface DueNotice {
  id: string;
  kind: NotificationInput['kind'];
  taskId: string | null;
  title: { zh: string; en: string };
  recipient: { role: string; department: string | null };
  createdAt: string;
  attempts: number;
}

export interface Recipient {
  username: string;
  displayName: string;
}

/**
 * Claims up to `limit` notices due for delivery at `nowMs`: written within
 * `maxAgeMs`, not delivered, tried fewer than `maxAttempts` times, and not
 * claimed or waiting for a retry. Each is held for `leaseMs`.
 */
export async function claimDueNotices(
  db: Db,
  o: { nowMs: number; limit: number; maxAgeMs: number; maxAttempts: number; leaseMs: number },
): Promise<DueNotice[]> {
  const due = (q: ReturnType<Db>) =>
    q
      .whereNull('delivered_at_ms')
      .andWhere('created_at_ms', '>=', o.nowMs - o.maxAgeMs)
      .andWhere('delivery_attempts', '<', o.maxAttempts)
      .andWhere((w) => w.whereNull('deliver_after_ms').orWhere('deliver_after_ms', '<=', o.nowMs));
  const candidates: Record<string, unknown>[] = await due(db('notifications'))
    .orderBy([
      { column: 'created_at_ms', order: 'asc' },
      { column: 'id', order: 'asc' },
    ])
    .limit(o.limit);
  const claimed: DueNotice[] = [];
  for (const r of candidates) {
    const got = await due(db('notifications').where({ id: r.id })).update({
      deliver_after_ms: o.nowMs + o.leaseMs,
      delivery_attempts: Number(r.delivery_attempts) + 1,
    });
    if (got === 0) continue; // another worker took it
    claimed.push({
      id: r.id as string,
      kind: r.kind as DueNotice['kind'],
      taskId: (r.task_id as string | null) ?? null,
      title: { zh: r.title_zh as string, en: r.title_en as string },
      recipient: {
        role: r.recipient_role as string,
        department: (r.recipient_department as string | null) ?? null,
      },
      createdAt: localIso(r.created_at_ms),
      attempts: Number(r.delivery_attempts) + 1,
    });
  }
  return claimed;
}

export async function markNoticeDelivered(db: Db, id: string, atMs: number): Promise<void> {
  await db('notifications').where({ id }).update({ delivered_at_ms: atMs, delivery_error: null });
}

export async function markNoticeFailed(db: Db, id: string, error: string, retryAtMs: number): Promise<void> {
  await db('notifications')
    .where({ id })
    .update({ delivery_error: error.slice(0, 300), deliver_after_ms: retryAtMs });
}

/** The active people of a group: a role in a department, or city-wide (any department) when it has none. */
export async function membersOf(
  db: Db,
  group: { role: string; department: string | null },
): Promise<Recipient[]> {
  const q = db('users')
    .join('user_roles', 'user_roles.username', 'users.username')
    .where({ 'user_roles.role': group.role, 'users.active': true })
    .select('users.username', 'users.display_name')
    .orderBy('users.username');
  if (group.department !== null) q.andWhere('users.department_code', group.department);
  const rows: { username: string; display_name: string }[] = await q;
  return rows.map((r) => ({ username: r.username, displayName: r.display_name }));
}
