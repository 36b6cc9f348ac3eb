/**
 * A case's timeline lists the events its workflow recorded in one workflow task, which share
 * that task's time, in the order the workflow made them: the tenth after the ninth, where their
 * ids alone would put "#10#" first. On MariaDB and SQLite.
 */
import { caseEvents, recordCaseState, recordComment } from '../../db/case-repository';
import { insertRequest } from '../../db/sharing_request/request-repository';
import { createTestDb, type DbKind, type TestDb } from '../../scripts/harness/databases';
import { filedRequest } from '../support/request-fixtures';

describe.each<DbKind>(['mysql', 'sqlite'])('on %s', (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(kind);
    await insertRequest(t.db, filedRequest('SR-TIMELINE'));
  });
  afterAll(() => t?.drop());

  const at = '2026-11-25T02:00:00.000Z';
  const event = (n: number, action: string, when = at) => ({
    caseType: 'sharing_request',
    caseId: 'SR-TIMELINE',
    status: 'provider_review',
    currentStep: null,
    event: {
      id: `SR-TIMELINE#${n}#${action}`,
      at: when,
      step: null,
      action,
      actor: null,
      actorDepartment: null,
      decision: null,
      reason: null,
    },
  });

  it('orders events of the same moment by the number their workflow gave them, then a comment', async () => {
    await recordComment(t.db, {
      id: 'comment#5f0c1a2e',
      caseType: 'sharing_request',
      caseId: 'SR-TIMELINE',
      atMs: Date.parse(at),
      actor: 'zhangwei',
      actorDepartment: 'civil-affairs',
      text: '请尽快审核',
    });
    // Stored in another order than they were made, as retries and concurrent writes may.
    for (const [n, action] of [
      [10, 'task_opened'],
      [9, 'decided'],
      [11, 'reminded'],
    ] as const)
      await recordCaseState(t.db, event(n, action), 'sharing_requests', {});
    await recordCaseState(t.db, event(2, 'task_opened', '2026-11-25T01:00:00.000Z'), 'sharing_requests', {});

    expect((await caseEvents(t.db, 'sharing_request', 'SR-TIMELINE')).map((e) => e.action)).toEqual([
      'task_opened',
      'decided',
      'task_opened',
      'reminded',
      'commented',
    ]);
  });
});
