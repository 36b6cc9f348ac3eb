/**
 * Signs the heads of the audit and exchange logs with the platform's SM2 key
 * and stores them as checkpoints, so a later rewrite of everything after one
 * is detectable. Idempotent: a retried run answers what the first one signed.
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
      const entryId = `${input.runId}#checkpoint`;
      // One transaction: the checkpoints and the entry that records them land together, and a
      // retried run finds the entry and signs nothing again.
      return db.transaction(async (trx) => {
        const done = await trx('audit_log').where({ id: entryId }).first('detail');
        if (done) return (JSON.parse(done.detail) as { checkpoints: SignedHead[] }).checkpoints;
        const signed: SignedHead[] = [];
        for (const log of CHAINED_LOGS) {
          const c = await writeCheckpoint(trx, log, key, Date.now());
          signed.push({ log: c.log, pos: c.pos, hash: c.hash });
        }
        await appendAudit(trx, {
          id: entryId,
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
      });
    },
  };
}

export type AuditActivities = ReturnType<typeof createAuditActivities>;
