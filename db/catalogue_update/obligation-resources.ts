/**
 * The resources a reform obligation lists (art. 9) and the decision on each:
 * keep, updated, transfer to a successor department, or retire. Transfer and
 * retire change the catalogue and the grants in the same transaction as the
 * decision, so a decision is never half applied.
 */
import type { Knex } from 'knex';
import { localIso } from '../../domain/calendar/working-days';
import type { ResourceDecision } from '../../workflows/catalogue_update/contract';
import { OPEN_REQUEST_STATUSES } from '../../workflows/sharing_request/contract';
import type { Db } from '../connection';
import { recordedEntries, saveResource } from '../catalogue-repository';

export interface ObligationResourceRow {
  code: string;
  name: string;
  decision: ResourceDecision | null;
  successor: string | null;
  reason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
}

type Row = Record<string, unknown>;

/**
 * Lists the department's resources in force on the obligation (once: listing again keeps the
 * decisions). A resource whose entry changed since the effective date is already `updated` (art. 9:
 * a change made since the reform took effect counts), with the version that changed it.
 */
export async function listObligationResources(
  db: Db,
  o: { obligationId: string; department: string; effectiveFromMs: number },
): Promise<ObligationResourceRow[]> {
  await db.transaction(async (trx) => {
    const listed = await trx('obligation_resources')
      .where({ obligation_id: o.obligationId })
      .first('resource_code');
    if (listed) return;
    const codes: Row[] = await trx('resources')
      .where({ provider_department: o.department })
      .whereNull('retired_at_ms')
      .select('code');
    if (codes.length === 0) return;
    await trx('obligation_resources').insert(
      codes.map((c) => ({ obligation_id: o.obligationId, resource_code: c.code })),
    );
    const changed: Row[] = await trx('resource_versions')
      .whereIn(
        'resource_code',
        codes.map((c) => c.code as string),
      )
      .where('recorded_at_ms', '>=', o.effectiveFromMs)
      // A change of the entry, not its registration.
      .where('version', '>', 1)
      .whereRaw("changes <> '[]'")
      .orderBy('version', 'desc')
      .select('resource_code', 'version', 'recorded_by', 'recorded_at_ms', 'reason');
    const latest = new Map<string, Row>();
    for (const v of changed)
      if (!latest.has(v.resource_code as string)) latest.set(v.resource_code as string, v);
    for (const [code, v] of latest)
      await trx('obligation_resources')
        .where({ obligation_id: o.obligationId, resource_code: code })
        .update({
          decision: 'updated',
          reason: `v${v.version}${v.reason ? `:${v.reason as string}` : ''}`,
          decided_by: v.recorded_by,
          decided_at_ms: v.recorded_at_ms,
        });
  });
  return obligationResources(db, o.obligationId);
}

export async function obligationResources(
  db: Db | Knex.Transaction,
  obligationId: string,
): Promise<ObligationResourceRow[]> {
  const rows: Row[] = await db('obligation_resources as o')
    .join('resources as r', 'r.code', 'o.resource_code')
    .where('o.obligation_id', obligationId)
    .orderBy('o.resource_code')
    .select('o.*', 'r.name');
  return rows.map((r) => ({
    code: r.resource_code as string,
    name: r.name as string,
    decision: (r.decision as ResourceDecision | null) ?? null,
    successor: (r.successor_code as string | null) ?? null,
    reason: (r.reason as string | null) ?? null,
    decidedBy: (r.decided_by as string | null) ?? null,
    decidedAt: r.decided_at_ms == null ? null : localIso(Number(r.decided_at_ms)),
  }));
}

export interface AppliedDecision {
  /** False when nothing was written now: the decision was already recorded (an activity's retry). */
  recorded: boolean;
  /**
   * The workflows to tell of a transfer or retirement: those of the resource's open requests and
   * active grants (and, by the caller, its freshness case).
   */
  caseWorkflows: string[];
  /** The departments of those requests and grants, to be told. */
  consumers: string[];
}

/**
 * Records one decision and applies it, in one transaction: a transfer makes the successor the
 * provider (a new version of the entry, with the reason) of the resource, its open requests and its
 * active grants; a retirement takes the resource off the 共享目录. Recording a decision already
 * recorded writes nothing more (an activity's retry) and answers the same workflows.
 */
export async function applyResourceDecision(
  db: Db,
  d: {
    obligationId: string;
    resourceCode: string;
    decision: ResourceDecision;
    successor: string | null;
    reason: string;
    by: string;
    atMs: number;
  },
): Promise<AppliedDecision> {
  return db.transaction(async (trx) => {
    const affected = async (recorded: boolean): Promise<AppliedDecision> => {
      if (d.decision !== 'transfer' && d.decision !== 'retire')
        return { recorded, caseWorkflows: [], consumers: [] };
      const requests: Row[] = await trx('sharing_requests')
        .where({ resource_code: d.resourceCode })
        .whereIn('status', OPEN_REQUEST_STATUSES)
        .select('workflow_id', 'consumer_department');
      const grants: Row[] = await trx('grants')
        .where({ resource_code: d.resourceCode, status: 'active' })
        .select('workflow_id', 'consumer_department');
      const all = [...requests, ...grants];
      return {
        recorded,
        caseWorkflows: [...new Set(all.map((r) => r.workflow_id as string))].sort(),
        consumers: [...new Set(all.map((r) => r.consumer_department as string))].sort(),
      };
    };
    const row = await trx('obligation_resources')
      .where({ obligation_id: d.obligationId, resource_code: d.resourceCode })
      .first('decision');
    if (row?.decision) return affected(false);
    const answer = await affected(true);
    if (d.decision === 'transfer') {
      const entry = (await recordedEntries(trx, [d.resourceCode])).get(d.resourceCode);
      if (entry)
        await saveResource(trx, { ...entry, providerDepartment: d.successor! }, d.by, {
          reason: d.reason,
          atMs: d.atMs,
        });
      await trx('sharing_requests')
        .where({ resource_code: d.resourceCode })
        .whereIn('status', OPEN_REQUEST_STATUSES)
        .update({ provider_department: d.successor });
      await trx('grants')
        .where({ resource_code: d.resourceCode, status: 'active' })
        .update({ provider_department: d.successor });
      await trx('resource_freshness')
        .where({ resource_code: d.resourceCode })
        .update({ provider_code: d.successor });
    }
    if (d.decision === 'retire')
      await trx('resources')
        .where({ code: d.resourceCode })
        .update({ retired_at_ms: d.atMs, retired_reason: d.reason });
    await trx('obligation_resources')
      .where({ obligation_id: d.obligationId, resource_code: d.resourceCode })
      .update({
        decision: d.decision,
        successor_code: d.successor,
        reason: d.reason,
        decided_by: d.by,
        decided_at_ms: d.atMs,
      });
    return answer;
  });
}
