/**
 * The notices' delivery queue, per channel: a due notice is claimed by the
 * first worker to write its delivery row (or, on a retry, to move it on with
 * a conditional update), so two workers never send one at once; then it is
 * marked delivered, or failed with the time of the next try.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from './connection';
import { localIso } from '../domain/calendar/working-days';
import type { NotificationInput } from './task-repository';
import { insertOnce } from './insert-once';

export const DELIVERY_CHANNELS = ['webhook', 'email'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

export interface DueNotice {
  id: string;
  kind: NotificationInput['kind'];
  taskId: string | null;
  title: { zh: string; en: string };
  recipient: { role: string; department: string | null };
  createdAt: string;
  /** This try's number: 1 for the first. */
  attempt: number;
}

export interface Recipient {
  username: string;
  displayName: string;
  email: string | null;
}

/**
 * Claims up to `limit` notices due on `channel` at `nowMs`: written within
 * `maxAgeMs`, and either never tried on it, or failed fewer than
 * `maxAttempts` times and past their wait. Each is held for `leaseMs`.
 */
export async function claimDueNotices(
  db: Db,
  channel: DeliveryChannel,
  o: { nowMs: number; limit: number; maxAgeMs: number; maxAttempts: number; leaseMs: number },
): Promise<DueNotice[]> {
  const candidates: Record<string, unknown>[] = await db('notifications as n')
    .leftJoin('notice_deliveries as d', (j) => j.on('d.notice_id', 'n.id').andOnVal('d.channel', channel))
    .where('n.created_at_ms', '>=', o.nowMs - o.maxAgeMs)
    .andWhere((w) =>
      w
        .whereNull('d.notice_id')
        .orWhere((r) =>
          r
            .whereNull('d.delivered_at_ms')
            .andWhere('d.attempts', '<', o.maxAttempts)
            .andWhere('d.deliver_after_ms', '<=', o.nowMs),
        ),
    )
    .select('n.*', 'd.attempts as tried')
    .orderBy([
      { column: 'n.created_at_ms', order: 'asc' },
      { column: 'n.id', order: 'asc' },
    ])
    .limit(o.limit);
  const claim = randomUUID();
  const claimed: DueNotice[] = [];
  for (const r of candidates) {
    const tried = r.tried == null ? 0 : Number(r.tried);
    const hold = { attempts: tried + 1, deliver_after_ms: o.nowMs + o.leaseMs, claim };
    // A first try writes the row (a second worker's write is ignored); a retry moves it on
    // only from the state this worker read. Either way the row then names who holds it.
    if (tried === 0)
      await insertOnce(db('notice_deliveries').insert({ notice_id: r.id, channel, ...hold }), [
        'notice_id',
        'channel',
      ]);
    else
      await db('notice_deliveries')
        .where({ notice_id: r.id, channel, attempts: tried })
        .whereNull('delivered_at_ms')
        .andWhere('deliver_after_ms', '<=', o.nowMs)
        .update(hold);
    const held = await db('notice_deliveries').where({ notice_id: r.id, channel, claim }).first('notice_id');
    if (!held) continue; // another worker took it
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
      attempt: tried + 1,
    });
  }
  return claimed;
}

export async function markNoticeDelivered(
  db: Db,
  id: string,
  channel: DeliveryChannel,
  atMs: number,
): Promise<void> {
  await db('notice_deliveries')
    .where({ notice_id: id, channel })
    .update({ delivered_at_ms: atMs, error: null });
}

export async function markNoticeFailed(
  db: Db,
  id: string,
  channel: DeliveryChannel,
  error: string,
  retryAtMs: number,
): Promise<void> {
  await db('notice_deliveries')
    .where({ notice_id: id, channel })
    .update({ error: error.slice(0, 300), deliver_after_ms: retryAtMs });
}

/** The active people of a group: a role in a department, or city-wide (any department) when it has none. */
export async function membersOf(
  db: Db,
  group: { role: string; department: string | null },
): Promise<Recipient[]> {
  const q = db('users')
    .join('user_roles', 'user_roles.username', 'users.username')
    .where({ 'user_roles.role': group.role, 'users.active': true })
    .select('users.username', 'users.display_name', 'users.email')
    .orderBy('users.username');
  if (group.department !== null) q.andWhere('users.department_code', group.department);
  const rows: { username: string; display_name: string; email: string | null }[] = await q;
  return rows.map((r) => ({ username: r.username, displayName: r.display_name, email: r.email ?? null }));
}
