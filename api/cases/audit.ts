/** Appends what a signed-in user did, or read, to the audit log, with the address they came from. */
import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import type { Db } from '../../db/connection';
import type { User } from '../../db/directory-repository';
import { appendAudit } from '../../db/log-repository';

/**
 * A refused access (401, 403, too many sign-ins, a 404 to a signed-in caller), or a refused change
 * (409, 422: a decision the rules do not allow): who asked for what, from where, and why it was
 * refused. Auditors ask about these as much as about reads.
 */
export function auditRefusal(
  db: Db,
  req: Request,
  refusal: { status: number; code: string; message: string },
): Promise<void> {
  return appendAudit(db, {
    id: `api#${randomUUID()}`,
    at: new Date().toISOString(),
    actor: req.user?.username ?? null,
    actorDepartment: req.user?.department.code ?? null,
    action: refusal.status === 409 || refusal.status === 422 ? 'change.refused' : 'access.refused',
    entityType: 'endpoint',
    entityId: `${req.method} ${req.originalUrl.split('?')[0]}`.slice(0, 190),
    ip: req.ip ?? null,
    detail: { outcome: 'refused', status: refusal.status, code: refusal.code, message: refusal.message },
  });
}

export function auditByUser(
  db: Db,
  user: User,
  e: {
    action: string;
    entityType: string;
    entityId: string;
    ip: string | null | undefined;
    detail?: unknown;
  },
): Promise<void> {
  return appendAudit(db, {
    id: `api#${randomUUID()}`,
    at: new Date().toISOString(),
    actor: user.username,
    actorDepartment: user.department.code,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    ip: e.ip ?? null,
    detail: e.detail,
  });
}
