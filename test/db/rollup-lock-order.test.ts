/**
 * Openings, closes, breaches and new deadlines of different tasks share the
 * rollup rows they count on (a due day's, a department's, a candidate group's).
 * On MariaDB, many of them at once must all commit at the first attempt:
 * none is chosen as a deadlock victim (which the worker would see as a failed
 * activity and retry), and the rollups still agree with a fresh count. A
 * request filed while the rollups are recounted waits for the recount.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { rollupDrift } from '../../db/rollup-drift';
import { appendAudit, type AuditEntry } from '../../db/log-repository';
import { insertRequest } from '../../db/sharing_request/request-repository';
import { filedRequest } from '../support/request-fixtures';
import {
  closeTaskRow,
  insertTask,
  recordDueSlaEvents,
  updateTaskDeadline,
  type NewTask,
} from '../../db/task-repository';
import type { CandidateGroup } from '../../domain/roles';
import { createTestDb, type TestDb } from '../../scripts/harness/databases';
import { defaultPolicyKey } from '../../seeds/default-policy';
import { HOUR, iso, T0 } from '../support/task-fixtures';

const PROVIDER: CandidateGroup = { role: 'provider_reviewer', department: 'public-security' };
const STEWARD: CandidateGroup = { role: 'data_steward', department: 'public-security' };
const PLATFORM: CandidateGroup = { role: 'platform_approver', department: null };

/** Tasks that all count on the same rollup rows, their groups listed in varying order. */
function task(i: number, batch: string): NewTask {
  const orders = [
    [PROVIDER, STEWARD, PLATFORM],
    [PLATFORM, STEWARD, PROVIDER],
    [STEWARD, PLATFORM, PROVIDER],
  ];
  return {
    id: `wf-${batch}-${i}.step.1`,
    workflowId: `wf-${batch}-${i}`,
    processType: 'sharing_request',
    caseId: `C-${batch}-${i % 4}`,
    step: 'provider_review',
    candidates: orders[i % orders.length],
    startedAt: iso(T0),
    deadline: iso(T0 + 24 * HOUR),
    provisional: false,
    article: 23,
    policyKey: defaultPolicyKey(),
  };
}

describe('rollup writes on MariaDB', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb('mysql', { demo: false });
  });
  afterAll(() => t?.drop());

  it('never deadlock when tasks open, close, breach and move their deadlines at once', async () => {
    const N = 60;
    const earlier = Array.from({ length: N }, (_, i) => task(i, 'a'));
    for (const e of earlier) await insertTask(t.db, e);

    const failures: string[] = [];
    const attempt = (what: string, write: () => Promise<unknown>) =>
      write().then(
        () => undefined,
        (e: Error & { code?: string }) => {
          failures.push(`${what}: ${e.code ?? e.message}`);
        },
      );
    const work: Promise<void>[] = [];
    for (let i = 0; i < N; i++) {
      work.push(attempt(`open ${i}`, () => insertTask(t.db, task(i, 'b'))));
      const id = earlier[i].id;
      if (i % 3 === 0)
        work.push(
          attempt(`close ${i}`, () =>
            closeTaskRow(t.db, {
              taskId: id,
              status: 'done',
              decision: 'approve',
              reason: null,
              by: 'wangfang',
              at: iso(T0 + 2 * HOUR),
            }),
          ),
        );
      else if (i % 3 === 1)
        work.push(
          attempt(`breach ${i}`, () =>
            recordDueSlaEvents(t.db, {
              taskId: id,
              events: [{ taskId: id, kind: 'breach', level: 0, at: iso(T0 + 25 * HOUR) }],
              escalationCandidates: [{ role: 'lg_office', department: null }, PLATFORM],
              notices: [],
            }),
          ),
        );
      else
        work.push(attempt(`reschedule ${i}`, () => updateTaskDeadline(t.db, id, iso(T0 + 72 * HOUR), false)));
    }
    await Promise.all(work);

    expect(failures).toEqual([]);
    expect(await rollupDrift(t.db)).toEqual([]);
  });
});

it('a request filed while the rollups are recounted waits for the recount, and both commit', async () => {
  // The demo city's catalogue holds the resource the requests are for.
  const city = await createTestDb('mysql');
  const entry = (id: string): AuditEntry => ({
    id,
    at: new Date().toISOString(),
    actor: null,
    actorDepartment: null,
    action: 'test.lock_order',
    entityType: 'test',
    entityId: id,
    ip: null,
  });
  const outcome = (p: Promise<unknown>) =>
    p.then(
      () => 'committed',
      (e: Error) => `failed: ${e.message}`,
    );
  try {
    await insertRequest(city.db, filedRequest('SR-LOCK-1'));
    // A recount takes every row of the daily counts, then appends its audit entry (checkRollups).
    const recount = await city.db.transaction();
    await recount('request_daily').delete();
    const filing = outcome(
      insertRequest(city.db, filedRequest('SR-LOCK-2'), (trx) => appendAudit(trx, entry('filed#SR-LOCK-2'))),
    );
    await sleep(500);
    const recounted = outcome(
      (async () => {
        try {
          await appendAudit(recount, entry('recounted#1'));
          await recount.commit();
        } catch (e) {
          await recount.rollback();
          throw e;
        }
      })(),
    );
    expect({ recount: await recounted, filing: await filing }).toEqual({
      recount: 'committed',
      filing: 'committed',
    });
  } finally {
    await city.drop();
  }
});
