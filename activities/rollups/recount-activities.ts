/**
 * Compares the rollups with a fresh count and recounts those that drifted, in
 * one transaction with the audit entry that records what differed. A run that
 * finds nothing writes nothing. Idempotent: a retried run answers what the
 * first one recounted.
 */
import { log } from '@temporalio/activity';
import type { Db } from '../../db/connection';
import { appendAudit } from '../../db/log-repository';
import {
  OPEN_WORK_ROLLUPS,
  recountRollups,
  ROLLUPS,
  rollupDrift,
  type RollupDrift,
} from '../../db/rollup-drift';
import type { RollupCheckInput, RollupCheckResult } from '../../workflows/rollups/contract';

export function createRollupActivities(db: Db) {
  return {
    async checkRollups(input: RollupCheckInput & { runId: string }): Promise<RollupCheckResult> {
      const entryId = `rollup-check#${input.runId}`;
      const done = await db('audit_log').where({ id: entryId }).first('detail');
      if (done) return JSON.parse(done.detail) as RollupCheckResult;
      const rollups = input.scope === 'open-work' ? OPEN_WORK_ROLLUPS : ROLLUPS;
      const drift = await rollupDrift(db, rollups);
      const result: RollupCheckResult = { checked: rollups.length, recounted: drift };
      if (drift.length === 0) return result;
      log.warn('rollups differ from a fresh count; recounting them', {
        tables: drift.map((d: RollupDrift) => `${d.table} (${d.rows} rows)`).join(', '),
      });
      await db.transaction(async (trx) => {
        await recountRollups(
          trx,
          drift.map((d) => d.table),
        );
        await appendAudit(trx, {
          id: entryId,
          at: new Date().toISOString(),
          actor: null,
          actorDepartment: null,
          action: 'rollups.recounted',
          entityType: 'rollup',
          entityId: drift.map((d) => d.table).join(','),
          ip: null,
          detail: result,
        });
      });
      return result;
    },
  };
}

export type RollupActivities = ReturnType<typeof createRollupActivities>;
