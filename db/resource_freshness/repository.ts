/** Data freshness (art. 20): each watched entry's case row, and when its data was last updated. */
import type { Db } from '../connection';
import type { FreshnessFacts } from '../../workflows/resource_freshness/contract';
import { freshnessCaseId, freshnessWorkflowId } from '../../workflows/resource_freshness/contract';
import type { CaseColumns } from '../case-repository';
import type { CaseSummarySpec } from '../case-summaries';
import { insertOnce } from '../insert-once';

/** The entry's freshness case row, made once (before its workflow starts). */
export async function ensureFreshnessCase(db: Db, r: { code: string; provider: string }): Promise<void> {
  const now = Date.now();
  await insertOnce(
    db('resource_freshness').insert({
      id: freshnessCaseId(r.code),
      workflow_id: freshnessWorkflowId(r.code),
      resource_code: r.code,
      provider_code: r.provider,
      status: 'fresh',
      created_at_ms: now,
      updated_at_ms: now,
    }),
    'id',
  );
}

/** Records that the provider updated the entry's data at `atMs` (never moving it back). */
export async function recordDataUpdate(db: Db, code: string, atMs: number): Promise<number> {
  await db('resources')
    .where({ code })
    .andWhere((w) => w.whereNull('data_updated_at_ms').orWhere('data_updated_at_ms', '<', atMs))
    .update({ data_updated_at_ms: atMs });
  const row = await db('resources').where({ code }).first('data_updated_at_ms');
  return Number(row.data_updated_at_ms);
}

/** The columns a move's facts set on the case's row. */
export function freshnessColumns(f: FreshnessFacts): CaseColumns {
  return f.staleSince !== undefined ? { stale_since: f.staleSince } : {};
}

/** The inbox's summary of a freshness case: the entry, its provider, since when it is watched. */
export const freshnessSummary: CaseSummarySpec = {
  from: (db) =>
    db('resource_freshness').join('resources', 'resources.code', 'resource_freshness.resource_code'),
  id: 'resource_freshness.id',
  requester: 'resource_freshness.provider_code',
  subjectCode: 'resource_freshness.resource_code',
  subjectTitle: 'resources.name',
  openedAtMs: 'resource_freshness.created_at_ms',
  parties: ['resource_freshness.provider_code'],
};
