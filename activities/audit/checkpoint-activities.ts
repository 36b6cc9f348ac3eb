/**
 * Signs the heads of the audit and exchange logs with the platform's SM2 key
 * and stores them as checkpoints, so a later rewrite of everything after one
 * is detectable. A retried run signs the heads again: a second valid
 * checkpoint of the same or a later head, never a wrong one.
 */
import type { Db } from '../../db/connection';
import { writeCheckpoint } from '../../db/audit/log-chain-repository';
import { appendAudit } from '../../db/log-repository';
import { CHAINED_LOGS } from '../../domain/audit/log-chain';
import type { LogSigningKey } from '../../runtime/log-signing-key';
import type { SignedHead } from '../../workflows/audit/contract';

export function createAuditActivities(db: Db, signingKey: () => LogSigningKey) {
  return {
    async signLogCheckpoints(input: { runId: string }): Promise<SignedHead[]> {
      const key = signingKey();
      const signed: SignedHead[] = [];
      for (const log of CHAINED_LOGS) {
        const c = await writeCheckpoint(db, log, key, Date.now());
        signed.push({ log: c.log, pos: c.pos, hash: c.hash });
      }
      await appendAudit(db, {
        id: `${input.runId}#checkpoint`,
        at: new Date().toISOString(),
        actor: null,
        actorDepartment: null,
        action: 'audit.checkpoint',
        entityType: 'audit_log',
        entityId: 'audit_log',
        ip: null,
        detail: { checkpoints: signed },
      });
      return signed;
    },
  };
}

export type AuditActivities = ReturnType<typeof createAuditActivities>;
