/** Which policy version is in force: read once by a workflow at its start and kept. */
import { DateTime } from 'luxon';
import type { Db } from '../../db/connection';
import { policyInForce } from '../../db/policy-repository';
import { ZONE } from '../../domain/calendar/working-days';
import type { PolicyVersion } from '../../domain/policy/policy-document';

export function createPolicyActivities(db: Db) {
  return {
    async loadPolicyInForce(input: { at: string }): Promise<PolicyVersion> {
      const day = DateTime.fromISO(input.at).setZone(ZONE).toISODate() as string;
      return policyInForce(db, day);
    },
  };
}
