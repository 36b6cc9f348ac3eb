/** A spread of tasks over candidate groups, some closed and one claimed, for read-model tests. */
import { closeTaskRow, insertTask, type InboxFilter } from '../../db/task-repository';
import type { CandidateGroup } from '../../domain/roles';
import type { TestDb } from '../../scripts/harness/databases';
import { defaultPolicyKey } from '../../seeds/default-policy';

export const T0 = Date.parse('2026-11-02T09:00:00+08:00');
export const HOUR = 3_600_000;
export const iso = (ms: number) => new Date(ms).toISOString();

const GROUPS: CandidateGroup[] = [
  { role: 'provider_reviewer', department: 'hr-social-security' },
  { role: 'provider_reviewer', department: 'public-security' },
  { role: 'data_steward', department: 'hr-social-security' },
  { role: 'platform_approver', department: null },
  { role: 'lg_office', department: null },
];

/** A deterministic spread of 60 tasks over the groups, some with a second (escalation) group. */
export async function seedTasks(t: TestDb) {
  const tasks = [];
  for (let i = 0; i < 60; i++) {
    const candidates = [GROUPS[i % GROUPS.length]];
    if (i % 4 === 0) candidates.push(GROUPS[(i + 2) % GROUPS.length]);
    const task = {
      id: `wf-${i}.step.${i}`,
      workflowId: `wf-${i}`,
      processType: i % 3 ? 'sharing_request' : 'correction',
      caseId: `C-${i}`,
      step: i % 3 ? 'provider_review' : 'provider_reply',
      candidates,
      startedAt: iso(T0 + i * HOUR),
      // Deadlines repeat, so the order's tie-break (the id) is exercised too.
      deadline: iso(T0 + ((i * 7) % 20) * 24 * HOUR),
      provisional: false,
      article: 23,
      policyKey: defaultPolicyKey(),
    };
    await insertTask(t.db, task);
    tasks.push(task);
  }
  // Close some, claim one, as the workflow and the API would: decided by people of two
  // departments (zhaoqiang and liuyan of hr-social-security, wangfang of public-security), an hour apart.
  const deciders = ['zhaoqiang', 'liuyan', 'wangfang'];
  for (let i = 0; i < 60; i += 5)
    await closeTaskRow(t.db, {
      taskId: `wf-${i}.step.${i}`,
      status: i % 10 ? 'done' : 'cancelled',
      decision: 'approve',
      reason: null,
      by: deciders[(i / 5) % 3],
      at: iso(T0 + (30 * 24 + i) * HOUR),
    });
  await t.db('tasks').where({ id: 'wf-2.step.2' }).update({ claimed_by: 'zhaoqiang' });
  return tasks;
}

/** The inbox of the audit bureau's provider reviewer, whose tasks `importOpenTasks` writes. */
export const auditBureauInbox: InboxFilter = {
  username: 'someone',
  department: 'audit-bureau',
  roles: ['provider_reviewer'],
  status: 'open',
  mine: false,
  overdue: false,
  page: 1,
  pageSize: 20,
  nowMs: T0,
};

/**
 * Open provider-review tasks of the audit bureau as a bulk import writes them:
 * task rows and candidate rows, around the repository, so no rollup counts them.
 */
export async function importOpenTasks(
  t: TestDb,
  tasks: readonly { workflowId: string; caseId: string; dueAtMs: number }[],
): Promise<string[]> {
  const rows = tasks.map((x) => ({
    id: `${x.workflowId}.provider_review.1`,
    workflow_id: x.workflowId,
    process_type: 'sharing_request',
    case_id: x.caseId,
    step: 'provider_review',
    department_code: 'audit-bureau',
    role: 'provider_reviewer',
    status: 'open',
    started_at: iso(T0),
    started_at_ms: T0,
    deadline: iso(x.dueAtMs),
    due_at_ms: x.dueAtMs,
    article: 23,
    policy_key: defaultPolicyKey(),
  }));
  for (let i = 0; i < rows.length; i += 200) {
    const batch = rows.slice(i, i + 200);
    await t.db('tasks').insert(batch);
    await t.db('task_candidates').insert(
      batch.map((r) => ({
        id: `${r.id}|provider_reviewer|audit-bureau`,
        task_id: r.id,
        role: 'provider_reviewer',
        department_code: 'audit-bureau',
        source: 'actor',
        status: 'open',
        due_at_ms: r.due_at_ms,
      })),
    );
  }
  return rows.map((r) => r.id);
}
