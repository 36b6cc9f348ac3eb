/** All activities, bound to their dependencies: the shared ones and each registered process's. The worker registers this object. */
import type { Db } from '../db/connection';
import { PROCESSES, processNamed } from '../processes';
import type { LogSigningKey } from '../runtime/log-signing-key';
import { createAuditActivities } from './audit/checkpoint-activities';
import { createRollupActivities } from './rollups/recount-activities';
import { createSecurityActivities } from './security/agreement-activities';
import { createSharedActivities } from './shared';

/** `signingKey`: the key that signs the logs' checkpoints (loaded when first needed). */
export function createActivities(
  db: Db,
  signingKey: () => LogSigningKey = () => {
    throw new Error('this worker has no key to sign log checkpoints with (AUDIT_SIGNING_KEY)');
  },
): Record<string, (input: never) => Promise<unknown>> {
  const all: Record<string, (input: never) => Promise<unknown>> = {
    ...createSharedActivities(db, processNamed),
    ...createAuditActivities(db, signingKey),
    ...createRollupActivities(db),
    ...createSecurityActivities(db),
  };
  for (const p of PROCESSES) {
    for (const [name, fn] of Object.entries(p.activities?.(db) ?? {})) {
      if (all[name]) throw new Error(`activity ${name} of process ${p.name} is already registered`);
      all[name] = fn;
    }
  }
  return all;
}
