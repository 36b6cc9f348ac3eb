/**
 * What every process has in common in the read model: a row per case in its
 * own table, moved from status to status by the workflow, and one timeline
 * table of their events. Every write is keyed by an
 * id from the workflow, so a retried activity writes nothing twice.
 */
import type { Db } from './connection';
import { localIso } from '../domain/calendar/working-days';
import type { CaseType } from '../domain/case-types';

export type { CaseType };

export const CASE_TABLES: Record<CaseType, string> = {
  sharing_request: 'sharing_requests',
  correction: 'corrections',
  dispute: 'disputes',
  catalogue_update: 'reform_obligations',
};

export interface CaseEvent {
  id: string;
  at: string;
  step: string | null;
  action: string;
  actor: string | null;
  actorDepartment: string | null;
  decision: string | null;
  reason: string | null;
}

export interface CaseStateChange {
  caseType: CaseType;
  caseId: string;
  status: string;
  currentStep: string | null;
  /** Other columns of the case's row to set with this change (snake_case). */
  patch?: Record<string, string | number | boolean | null>;
  event: CaseEvent;
}

export async function recordCaseState(db: Db, c: CaseStateChange): Promise<void> {
  const e = c.event;
  await db.transaction(async (trx) => {
    await trx('case_events')
      .insert({
        id: e.id,
        case_type: c.caseType,
        case_id: c.caseId,
        at_ms: Date.parse(e.at),
        step: e.step,
        action: e.action,
        actor: e.actor,
        actor_department: e.actorDepartment,
        decision: e.decision,
        reason: e.reason,
      })
      .onConflict('id')
      .ignore();
    await trx(CASE_TABLES[c.caseType])
      .where({ id: c.caseId })
      .update({ ...c.patch, status: c.status, current_step: c.currentStep, updated_at_ms: Date.parse(e.at) });
  });
}

export async function caseEvents(db: Db, caseType: CaseType, caseId: string): Promise<CaseEvent[]> {
  const rows = await db('case_events')
    .where({ case_type: caseType, case_id: caseId })
    .orderBy(['at_ms', 'id']);
  return rows.map((r: Record<string, unknown>) => ({
    id: r.id as string,
    at: localIso(r.at_ms),
    step: (r.step as string | null) ?? null,
    action: r.action as string,
    actor: (r.actor as string | null) ?? null,
    actorDepartment: (r.actor_department as string | null) ?? null,
    decision: (r.decision as string | null) ?? null,
    reason: (r.reason as string | null) ?? null,
  }));
}
