/**
 * The task read model the SLA mechanism writes. Every write is idempotent,
 * keyed by ids derived from the workflow id, so a retried activity never
 * writes twice.
 */
import type { Db } from './connection';
import type { CandidateGroup } from '../domain/roles';

export interface NewTask {
  id: string;
  workflowId: string;
  processType: string;
  caseId: string;
  step: string;
  candidates: CandidateGroup[];
  startedAt: string;
  deadline: string;
  provisional: boolean;
  article: number;
  policyKey: string;
}

export function candidateId(taskId: string, group: CandidateGroup): string {
  return `${taskId}|${group.role}|${group.department ?? '*'}`;
}

export async function insertTask(db: Db, task: NewTask): Promise<void> {
  const primary = task.candidates[0];
  await db.transaction(async (trx) => {
    await trx('tasks')
      .insert({
        id: task.id,
        workflow_id: task.workflowId,
        process_type: task.processType,
        case_id: task.caseId,
        step: task.step,
        department_code: primary.department,
        role: primary.role,
        status: 'open',
        started_at: task.startedAt,
        started_at_ms: Date.parse(task.startedAt),
        deadline: task.deadline,
        due_at_ms: Date.parse(task.deadline),
        provisional: task.provisional,
        article: task.article,
        policy_key: task.policyKey,
      })
      .onConflict('id')
      .ignore();
    await insertCandidates(trx, task.id, task.candidates, 'actor');
  });
}

export async function insertCandidates(
  db: Db,
  taskId: string,
  groups: CandidateGroup[],
  source: 'actor' | 'escalation',
): Promise<void> {
  if (groups.length === 0) return;
  await db('task_candidates')
    .insert(
      groups.map((g) => ({
        id: candidateId(taskId, g),
        task_id: taskId,
        role: g.role,
        department_code: g.department,
        source,
      })),
    )
    .onConflict('id')
    .ignore();
}

export async function updateTaskDeadline(
  db: Db,
  taskId: string,
  deadline: string,
  provisional: boolean,
): Promise<void> {
  await db('tasks')
    .where({ id: taskId })
    .update({ deadline, due_at_ms: Date.parse(deadline), provisional });
}

export interface SlaEventInput {
  taskId: string;
  kind: 'reminder' | 'breach' | 'escalation';
  level: number;
  at: string;
  detail?: unknown;
}

export function slaEventId(e: Pick<SlaEventInput, 'taskId' | 'kind' | 'level'>): string {
  return `${e.taskId}#${e.kind}#${e.level}`;
}

/** Records an SLA event once; a breach marks the task breached, an escalation raises its level. */
export async function insertSlaEvent(db: Db, e: SlaEventInput): Promise<void> {
  await db.transaction(async (trx) => {
    await trx('sla_events')
      .insert({
        id: slaEventId(e),
        task_id: e.taskId,
        kind: e.kind,
        level: e.level,
        at: e.at,
        at_ms: Date.parse(e.at),
        detail: e.detail === undefined ? null : JSON.stringify(e.detail),
      })
      .onConflict('id')
      .ignore();
    if (e.kind === 'breach') await trx('tasks').where({ id: e.taskId }).update({ breached: true });
    if (e.kind === 'escalation')
      await trx('tasks')
        .where({ id: e.taskId })
        .andWhere('escalation_level', '<', e.level)
        .update({ escalation_level: e.level });
  });
}

export interface TaskClosure {
  taskId: string;
  status: 'done' | 'cancelled';
  decision: string | null;
  reason: string | null;
  by: string | null;
  at: string;
}

/** Closes an open task; closing an already closed task changes nothing. */
export async function closeTaskRow(db: Db, c: TaskClosure): Promise<void> {
  await db('tasks')
    .where({ id: c.taskId, status: 'open' })
    .update({
      status: c.status,
      decision: c.decision,
      reason: c.reason,
      completed_by: c.by,
      completed_at_ms: Date.parse(c.at),
    });
}

export interface NotificationInput {
  id: string;
  recipient: CandidateGroup;
  kind: 'task' | 'reminder' | 'breach' | 'escalation' | 'result';
  taskId: string | null;
  title: { zh: string; en: string };
}

export async function insertNotifications(db: Db, notes: NotificationInput[]): Promise<void> {
  if (notes.length === 0) return;
  await db('notifications')
    .insert(
      notes.map((n) => ({
        id: n.id,
        recipient_role: n.recipient.role,
        recipient_department: n.recipient.department,
        kind: n.kind,
        task_id: n.taskId,
        title_zh: n.title.zh.slice(0, 300),
        title_en: n.title.en.slice(0, 300),
        created_at_ms: Date.now(),
      })),
    )
    .onConflict('id')
    .ignore();
}

/** Workflows with an open task whose deadline is provisional: they recompute after a calendar import. */
export async function workflowsWithProvisionalTasks(db: Db): Promise<string[]> {
  const rows = await db('tasks').where({ status: 'open', provisional: true }).distinct('workflow_id');
  return rows.map((r: { workflow_id: string }) => r.workflow_id);
}
