/** Appends what a signed-in user did, or read, to the audit log, with the address they came from. */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/connection';
import type { User } from '../../db/directory-repository';
import { appendAudit } from '../../db/log-repository';

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
