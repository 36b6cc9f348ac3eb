/**
 * The rollup checks: Temporal Schedules start this workflow, which compares
 * rollups with a fresh count and recounts any that drifted
 * (db/rollup-drift.ts): the open work's every hour, every rollup every night.
 */
import type { RollupDrift } from '../../db/rollup-drift';

export const ROLLUP_CHECK_WORKFLOW = 'rollup_check';
/** Hourly: the rollups of open work, which an inbox reads. */
export const ROLLUP_CHECK_SCHEDULE = 'govshare-rollup-check';
/** Nightly: every rollup, the history's too. */
export const ROLLUP_FULL_CHECK_SCHEDULE = 'govshare-rollup-check-nightly';

export interface RollupCheckInput {
  scope: 'open-work' | 'all';
}

export interface RollupCheckResult {
  /** The rollups compared. */
  checked: number;
  /** Those that differed from a fresh count, and were recounted. */
  recounted: RollupDrift[];
}
