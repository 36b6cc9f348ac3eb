/**
 * The sharing request's activities write nothing twice: Temporal retries an
 * activity whose result it did not hear, so each write is keyed by ids from
 * the workflow. Run against MariaDB, each activity twice with the same input.
 */
import { createSharedActivities } from '../../activities/shared';
import { processNamed } from '../../processes';
import { createSharingActivities } from '../../activities/sharing_request/activities';
import { insertRequest } from '../../db/sharing_request/request-repository';
import { createTestDb, type TestDb } from '../../scripts/harness/databases';
import { filedRequest } from '../support/request-fixtures';

let t: TestDb;
let acts: ReturnType<typeof createSharedActivities> & ReturnType<typeof createSharingActivities>;

beforeAll(async () => {
  t = await createTestDb('mysql');
  acts = { ...createSharedActivities(t.db, processNamed), ...createSharingActivities(t.db) };
  await insertRequest(t.db, filedRequest('SR-TEST-1'));
});

afterAll(() => t?.drop());

/** The `recordGrant` input the workflow sends for the request `id`. */
function grantOf(id: string) {
  return {
    eventId: `${id}#3#grant`,
    grant: {
      id: `G-${id}`,
      requestId: id,
      workflowId: `sharing-request-${id}`,
      resourceCode: 'GA-RK-001',
      consumerDepartment: 'civil-affairs',
      providerDepartment: 'public-security',
      items: ['姓名'],
      purpose: '核对',
      usageFrom: '2026-12-01',
      usageTo: '2026-12-31',
      mode: 'api' as const,
      grantedAt: '2026-11-25T02:00:01.000Z',
    },
    notice,
  };
}

const notice = {
  recipients: [
    { role: 'requester' as const, department: 'civil-affairs' },
    { role: 'provider_reviewer' as const, department: 'public-security' },
  ],
  title: { zh: '结果', en: 'Result' },
};

const count = async (table: string, where: Record<string, string>) =>
  Number((await t.db(table).where(where).count({ n: '*' }))[0].n);

/** Runs `write` while the database refuses notices, the way a dropped connection or a full disk would. */
async function whileNoticesAreRefused(write: () => Promise<unknown>): Promise<unknown> {
  await t.db.raw(
    "CREATE TRIGGER refuse_notices BEFORE INSERT ON notifications FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'refused'",
  );
  try {
    return await write();
  } finally {
    await t.db.raw('DROP TRIGGER refuse_notices');
  }
}

it('a retried state change appends one timeline event, one audit entry and one notice each', async () => {
  const input = {
    caseType: 'sharing_request' as const,
    caseId: 'SR-TEST-1',
    status: 'granted',
    currentStep: null,
    event: {
      id: 'SR-TEST-1#2#granted_at_once',
      at: '2026-11-25T02:00:01.000Z',
      step: null,
      action: 'granted_at_once',
      actor: null,
      actorDepartment: null,
      decision: null,
      reason: null,
    },
    notice,
  };
  await acts.recordCaseState(input);
  await acts.recordCaseState(input);
  expect(await count('case_events', { case_id: 'SR-TEST-1' })).toBe(1);
  expect(await count('audit_log', { entity_id: 'SR-TEST-1' })).toBe(1);
  expect(await count('notifications', { kind: 'result' })).toBe(2);
});

it('a retried grant and a retried grant end each write once; ending an ended grant changes nothing', async () => {
  const grant = grantOf('SR-TEST-1');
  await acts.recordGrant(grant);
  await acts.recordGrant(grant);
  expect(await count('grants', { request_id: 'SR-TEST-1' })).toBe(1);
  const end = {
    eventId: 'SR-TEST-1#4#grant-end',
    grantId: 'G-SR-TEST-1',
    status: 'revoked' as const,
    at: '2026-11-26T02:00:00.000Z',
    by: 'lina',
    byDepartment: 'public-security',
    reason: '超范围使用',
    notice,
  };
  await acts.recordGrantEnd(end);
  await acts.recordGrantEnd({ ...end, at: '2026-11-27T02:00:00.000Z', reason: '重试' });
  expect(await t.db('grants').where({ id: 'G-SR-TEST-1' }).first()).toMatchObject({
    status: 'revoked',
    end_reason: '超范围使用',
    ended_at_ms: Date.parse('2026-11-26T02:00:00.000Z'),
  });
  expect(await count('audit_log', { entity_id: 'G-SR-TEST-1' })).toBe(2);
  expect(await count('notifications', { kind: 'result' })).toBe(6);
});

it('a grant whose notices cannot be written leaves no grant and no audit entry behind; the retry writes all three', async () => {
  await insertRequest(t.db, filedRequest('SR-TEST-2'));
  const grant = grantOf('SR-TEST-2');
  await expect(whileNoticesAreRefused(() => acts.recordGrant(grant))).rejects.toThrow(/refused/);
  expect(await count('grants', { request_id: 'SR-TEST-2' })).toBe(0);
  expect(await count('audit_log', { entity_id: 'G-SR-TEST-2' })).toBe(0);

  await acts.recordGrant(grant);
  expect(await count('grants', { request_id: 'SR-TEST-2' })).toBe(1);
  expect(await count('audit_log', { entity_id: 'G-SR-TEST-2' })).toBe(1);
  expect(await t.db('notifications').where('id', 'like', 'SR-TEST-2#3#grant#%').count({ n: '*' })).toEqual([
    { n: 2 },
  ]);
});

it("a move that carries the case's filing records the filing first, with it or not at all, and a retry writes neither twice", async () => {
  await insertRequest(t.db, filedRequest('SR-TEST-3'));
  const move = (n: number, action: string, status: string, step: string | null) => ({
    caseType: 'sharing_request' as const,
    caseId: 'SR-TEST-3',
    status,
    currentStep: step,
    event: {
      id: `SR-TEST-3#${n}#${action}`,
      at: `2026-11-25T02:00:0${n}.000Z`,
      step,
      action,
      actor: n === 1 ? 'zhangwei' : null,
      actorDepartment: n === 1 ? 'civil-affairs' : null,
      decision: null,
      reason: null,
    },
  });
  const opened = {
    ...move(2, 'task_opened', 'provider_review', 'provider_review'),
    notice,
    earlier: [move(1, 'submitted', 'submitted', null)],
  };
  // The second move's notices are refused: the filing, written first, does not land either.
  await expect(whileNoticesAreRefused(() => acts.recordCaseState(opened))).rejects.toThrow(/refused/);
  expect(await count('case_events', { case_id: 'SR-TEST-3' })).toBe(0);
  expect(await count('audit_log', { entity_id: 'SR-TEST-3' })).toBe(0);

  await acts.recordCaseState(opened);
  await acts.recordCaseState(opened);
  const timeline = await t.db('case_events').where({ case_id: 'SR-TEST-3' }).orderBy(['at_ms', 'id']);
  expect(timeline.map((e) => [e.action, e.actor])).toEqual([
    ['submitted', 'zhangwei'],
    ['task_opened', null],
  ]);
  const audit = await t.db('audit_log').where({ entity_id: 'SR-TEST-3' }).orderBy('seq');
  expect(audit.map((a) => a.action)).toEqual(['sharing_request.submitted', 'sharing_request.task_opened']);
  expect(await t.db('sharing_requests').where({ id: 'SR-TEST-3' }).first()).toMatchObject({
    status: 'provider_review',
    current_step: 'provider_review',
  });
});
