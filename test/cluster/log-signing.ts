/** The log-signing Schedule on a test's cluster: run it now, and wait for the checkpoints its run writes. */
import { LOG_CHECKPOINT_SCHEDULE } from '../../workflows/audit/contract';
import { waitFor } from '../support/wait';
import type { ClusterHarness } from './cluster-harness';

/** Triggers the Schedule (made beforehand) and answers the checkpoints once both logs have one. */
export async function checkpointsOfARun(h: ClusterHarness): Promise<{ log: string }[]> {
  await h.client.schedule.getHandle(LOG_CHECKPOINT_SCHEDULE).trigger();
  return waitFor(
    'the checkpoints',
    async () => {
      const r = await h.t.db('log_checkpoints').orderBy('id');
      return r.length >= 2 ? r : undefined;
    },
    60_000,
  );
}
