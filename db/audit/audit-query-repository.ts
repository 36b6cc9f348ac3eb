/** Finds audit entries for auditors: filtered, paged, newest first. Reads only. */
import type { Knex } from 'knex';
import { DateTime } from 'luxon';
import { localIso, ZONE } from '../../domain/calendar/working-days';
import type { Db } from '../connection';
import { startingWith } from '../like';
import type { AuditEntry } from '../log-repository';

export interface AuditSearch {
  actor?: string;
  department?: string;
  entityType?: string;
  entityId?: string;
  /** An action, or the start of one (e.g. `sharing_request.`). */
  action?: string;
  outcome?: 'ok' | 'refused';
  /** Local days (Asia/Shanghai), inclusive. */
  from?: string;
  to?: string;
}

/** An entry as logged, with its place in the chain and whether it records a refusal. */
export interface AuditRecord extends AuditEntry {
  pos: number;
  outcome: 'ok' | 'refused';
  detail: unknown;
  hash: string | null;
}

const REFUSED = 'access.refused';

function filtered(db: Db, f: AuditSearch): Knex.QueryBuilder {
  const q = db('audit_log');
  if (f.actor) q.where('actor', f.actor);
  if (f.department) q.where('actor_department', f.department);
  if (f.entityType) q.where('entity_type', f.entityType);
  if (f.entityId) q.where('entity_id', f.entityId);
  if (f.action)
    q.where((w) =>
      w.where('action', f.action!).orWhereRaw("action LIKE ? ESCAPE '!'", [startingWith(f.action!)]),
    );
  if (f.outcome === 'refused') q.where('action', REFUSED);
  if (f.outcome === 'ok') q.whereNot('action', REFUSED);
  if (f.from) q.where('at_ms', '>=', DateTime.fromISO(f.from, { zone: ZONE }).startOf('day').toMillis());
  if (f.to)
    q.where('at_ms', '<', DateTime.fromISO(f.to, { zone: ZONE }).plus({ days: 1 }).startOf('day').toMillis());
  return q;
}

function toRecord(r: Record<string, unknown>): AuditRecord {
  return {
    pos: Number(r.chain_pos),
    id: r.id as string,
    at: localIso(r.at_ms),
    actor: (r.actor as string | null) ?? null,
    actorDepartment: (r.actor_department as string | null) ?? null,
    action: r.action as string,
    entityType: r.entity_type as string,
    entityId: r.entity_id as string,
    ip: (r.ip as string | null) ?? null,
    outcome: r.action === REFUSED ? 'refused' : 'ok',
    detail: r.detail ? JSON.parse(r.detail as string) : null,
    hash: (r.hash as string | null) ?? null,
  };
}

export async function searchAudit(
  db: Db,
  f: AuditSearch,
  page: { page: number; pageSize: number },
): Promise<{ items: AuditRecord[]; total: number }> {
  const [{ n }] = await filtered(db, f).count({ n: '*' });
  const rows = await filtered(db, f)
    .orderBy('chain_pos', 'desc')
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize);
  return { items: rows.map(toRecord), total: Number(n) };
}

/** At most `limit` entries, newest first, for a download; `more` says whether the filter matched more. */
export async function auditForExport(
  db: Db,
  f: AuditSearch,
  limit: number,
): Promise<{ items: AuditRecord[]; more: boolean }> {
  const rows = await filtered(db, f)
    .orderBy('chain_pos', 'desc')
    .limit(limit + 1);
  return { items: rows.slice(0, limit).map(toRecord), more: rows.length > limit };
}
