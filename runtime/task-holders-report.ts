/**
 * At start-up, a configuration error for each task no one could hold: the
 * department and the role to give someone, and the steps that would wait.
 */
import { DateTime } from 'luxon';
import type { Logger } from 'pino';
import type { Db } from '../db/connection';
import { policyInForce } from '../db/policy-repository';
import { missingTaskHolders } from '../db/task-holders';
import { ZONE } from '../domain/calendar/working-days';

export async function reportMissingTaskHolders(db: Db, logger: Logger): Promise<number> {
  const policy = await policyInForce(db, DateTime.now().setZone(ZONE).toISODate() as string);
  const missing = await missingTaskHolders(db, policy.document);
  for (const m of missing)
    logger.error(
      { department: m.department, role: m.role, steps: m.steps },
      `configuration error: no active user holds ${m.role}${m.department ? ` in ${m.department}` : ''} (${m.because}); tasks of ${m.steps.join(', ')} would wait in no one's inbox`,
    );
  return missing.length;
}
