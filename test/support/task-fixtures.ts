/** A spread of tasks over candidate groups, some closed and one claimed, for read-model tests. */
import { closeTaskRow, insertTask } from '../../db/task-repository';
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
