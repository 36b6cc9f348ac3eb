/** The dispute's own record (its row in the read model), written once by its workflow. Idempotent. */
import type { Db } from '../../db/connection';
import { insertDispute, type NewDispute } from '../../db/dispute/repository';

export function createDisputeActivities(db: Db) {
  return {
    async openDisputeRecord(input: NewDispute): Promise<void> {
      await insertDispute(db, input);
    },
  };
}
