/**
 * The notices centre's reads: the notices addressed to a person's groups (one
 * of their roles, in their department or city-wide), newest first, each read
 * or unread for that person; and marking them read.
 */
import type { Knex } from 'knex';
import { localIso } from '../domain/calendar/working-days';
import type { Db } from './connection';
import type { NotificationInput } from './task-repository';
import { insertOnce } from './insert-once';

export interface NoticeReader {
  username: string;
  department: string;
  roles: string[];
}

export interface NoticeRow {
  id: string;
  kind: NotificationInput['kind'];
  taskId: string | null;
  title: { zh: string; en: string };
  createdAt: string;
  read: boolean;
}

/** The notices a reader's groups receive (the one place that says who receives what). */
function addressedTo(db: Db, r: NoticeReader): Knex.QueryBuilder {
  return db('notifications as n')
    .whereIn('n.recipient_role', r.roles.length ? r.roles : ['-'])
    .andWhere((w) => w.where('n.recipient_department', r.department).orWhereNull('n.recipient_department'));
}

const unreadBy = (db: Db, q: Knex.QueryBuilder, username: string) =>
  q.whereNotExists(
    db('notice_reads as r')
      .select(db.raw('1'))
      .whereRaw('r.notice_id = n.id')
      .andWhere('r.username', username),
  );

export async function listNotices(
  db: Db,
  r: NoticeReader,
  f: { unreadOnly: boolean; page: number; pageSize: number },
): Promise<{ items: NoticeRow[]; total: number; unread: number }> {
  const base = addressedTo(db, r);
  const shown = f.unreadOnly ? unreadBy(db, base.clone(), r.username) : base.clone();
  const [rows, [{ n: total }], [{ n: unread }]] = await Promise.all([
    shown
      .clone()
      .leftJoin('notice_reads as r', (j) => j.on('r.notice_id', 'n.id').andOnVal('r.username', r.username))
      .select('n.*', 'r.read_at_ms')
      .orderBy([
        { column: 'n.created_at_ms', order: 'desc' },
        { column: 'n.id', order: 'desc' },
      ])
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    shown.clone().count({ n: '*' }),
    unreadBy(db, base.clone(), r.username).count({ n: '*' }),
  ]);
  return {
    items: rows.map((x: Record<string, unknown>) => ({
      id: x.id as string,
      kind: x.kind as NotificationInput['kind'],
      taskId: (x.task_id as string | null) ?? null,
      title: { zh: x.title_zh as string, en: x.title_en as string },
      createdAt: localIso(x.created_at_ms),
      read: x.read_at_ms != null,
    })),
    total: Number(total),
    unread: Number(unread),
  };
}

/**
 * Marks notices read for a reader: the given ones, or all addressed to them.
 * Only notices addressed to the reader are marked; others are ignored.
 * Returns how many were newly marked.
 */
export async function markNoticesRead(db: Db, r: NoticeReader, ids: string[] | 'all'): Promise<number> {
  const q = unreadBy(db, addressedTo(db, r), r.username).select('n.id');
  if (ids !== 'all') q.whereIn('n.id', ids);
  const unread: { id: string }[] = await q;
  if (unread.length === 0) return 0;
  const now = Date.now();
  for (let i = 0; i < unread.length; i += 500)
    await insertOnce(
      db('notice_reads').insert(
        unread.slice(i, i + 500).map((x) => ({ notice_id: x.id, username: r.username, read_at_ms: now })),
      ),
      ['username', 'notice_id'],
    );
  return unread.length;
}
