/**
 * What a task's workflow records on waking after an outage (its reminder, the
 * breach and both escalation levels), on MariaDB and SQLite: all of it once
 * however often the write is retried, and none of it when any part fails.
 */
import { insertTask, recordDueSlaEvents, type NotificationInput } from '../../db/task-repository';
import { breachesByStep, localDayNumber } from '../../db/sla-rollup-repository';
import type { CandidateGroup } from '../../domain/roles';
import { createTestDb, type DbKind, type TestDb } from '../../scripts/harness/databases';
import { defaultPolicyKey } from '../../seeds/default-policy';
import { HOUR, iso, T0 } from '../support/task-fixtures';

const reviewer: CandidateGroup = { role: 'provider_reviewer', department: 'public-security' };
const platform: CandidateGroup = { role: 'platform_approver', department: null };

const notice = (taskId: string, id: string, recipient: CandidateGroup): NotificationInput => ({
  id: `${taskId}#${id}`,
  recipient,
  kind: id.startsWith('reminder') ? 'reminder' : 'escalation',
  taskId,
  title: { zh: `通知 ${id}`, en: `Notice ${id}` },
});

/** The reminder, the breach and two escalation levels, the second letting the platform act. */
function wokenAfterOutage(taskId: string) {
  const at = (hours: number) => iso(T0 + hours * HOUR);
  return {
    taskId,
    events: [
      { taskId, kind: 'reminder' as const, level: 0, at: at(20) },
      { taskId, kind: 'breach' as const, level: 0, at: at(24), detail: { article: 23 } },
      { taskId, kind: 'escalation' as const, level: 1, at: at(24), detail: { article: 23 } },
      { taskId, kind: 'escalation' as const, level: 2, at: at(48), detail: { article: 22 } },
    ],
    escalationCandidates: [platform],
    notices: [
      notice(taskId, 'reminder#0', reviewer),
      notice(taskId, 'escalation#1', reviewer),
      notice(taskId, 'escalation#2', platform),
    ],
  };
}

describe.each<DbKind>(['mysql', 'sqlite'])('on %s', (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(kind);
  });
  afterAll(() => t?.drop());

  const openTask = async (id: string) => {
    await insertTask(t.db, {
      id,
      workflowId: `wf-${id}`,
      processType: 'sharing_request',
      caseId: `C-${id}`,
      step: 'provider_review',
      candidates: [reviewer],
      startedAt: iso(T0),
      deadline: iso(T0 + 24 * HOUR),
      provisional: false,
      article: 23,
      policyKey: defaultPolicyKey(),
    });
  };
  const breaches = async () =>
    (await breachesByStep(t.db, { fromDay: localDayNumber(T0), toDay: localDayNumber(T0) })).reduce(
      (n, r) => n + Number(r.n),
      0,
    );

  it('records every event that fell due, with its notices and the candidates it adds, once however often it is retried', async () => {
    await openTask('woken');
    const before = await breaches();
    const due = wokenAfterOutage('woken');
    await recordDueSlaEvents(t.db, due);
    await recordDueSlaEvents(t.db, due);

    const events = await t.db('sla_events').where({ task_id: 'woken' }).orderBy(['at_ms', 'id']);
    expect(events.map((e) => [e.kind, Number(e.level)])).toEqual([
      ['reminder', 0],
      ['breach', 0],
      ['escalation', 1],
      ['escalation', 2],
    ]);
    const task = await t.db('tasks').where({ id: 'woken' }).first();
    expect(Boolean(task.breached)).toBe(true);
    expect(Number(task.escalation_level)).toBe(2);
    expect(await breaches()).toBe(before + 1);
    // The platform may now decide the task, and finds it in its inbox at the task's deadline.
    const candidates = await t.db('task_candidates').where({ task_id: 'woken' }).orderBy('role');
    expect(candidates.map((c) => [c.role, c.source, c.status, Number(c.due_at_ms)])).toEqual([
      ['platform_approver', 'escalation', 'open', Number(task.due_at_ms)],
      ['provider_reviewer', 'actor', 'open', Number(task.due_at_ms)],
    ]);
    expect(await t.db('notifications').where({ task_id: 'woken' }).orderBy('id').pluck('kind')).toEqual([
      'escalation',
      'escalation',
      'reminder',
    ]);
  });

  it('writes nothing when its notices cannot be stored: no event without the notices that carry it', async () => {
    await openTask('half');
    // The database refuses the notices, the last write of the transaction.
    await t.db.schema.renameTable('notifications', 'notifications_away');
    try {
      // Matched by its message: better-sqlite3's error class belongs to the realm of the first
      // suite that loaded it, so in a run of many suites in one process it is not this one's Error.
      await expect(recordDueSlaEvents(t.db, wokenAfterOutage('half'))).rejects.toHaveProperty(
        'message',
        expect.stringMatching(/notifications/),
      );
    } finally {
      await t.db.schema.renameTable('notifications_away', 'notifications');
    }
    expect(await t.db('sla_events').where({ task_id: 'half' })).toEqual([]);
    expect(await t.db('notifications').where({ task_id: 'half' })).toEqual([]);
    expect(await t.db('task_candidates').where({ task_id: 'half', source: 'escalation' })).toEqual([]);
    const task = await t.db('tasks').where({ id: 'half' }).first();
    expect([Boolean(task.breached), Number(task.escalation_level)]).toEqual([false, 0]);
  });
});
