/**
 * Every task the demo can open has someone to hold it, and a department or a
 * city-level role left without a holder is reported at start-up by name.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { missingTaskHolders } from '../../db/task-holders';
import { loadPolicyFile, DEFAULT_POLICY_FILE } from '../../seeds/default-policy';
import { reportMissingTaskHolders } from '../../runtime/task-holders-report';
import { createTestDb, type TestDb } from '../../scripts/harness/databases';

const policy = loadPolicyFile(DEFAULT_POLICY_FILE);
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb('sqlite', { demo: true });
});
afterAll(async () => t?.drop());

it('the demo data leaves no task without a possible holder', async () => {
  expect(await missingTaskHolders(t.db, policy)).toEqual([]);
});

it("names the department and role when a provider's reviewers leave, and a city role no one holds", async () => {
  await t.db('users').whereIn('username', ['huangmin', 'fengtao']).update({ active: false });
  await t.db('user_roles').where({ role: 'leading_group' }).del();
  const missing = await missingTaskHolders(t.db, policy);
  expect(missing).toEqual([
    expect.objectContaining({
      department: 'health',
      role: 'provider_reviewer',
      steps: expect.arrayContaining(['sharing_request.provider_review', 'sharing_request.statutory_review']),
    }),
    expect.objectContaining({ department: null, role: 'leading_group', steps: ['dispute.ruling'] }),
  ]);

  const lines: string[] = [];
  const logger = pino(
    { level: 'info' },
    new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    }),
  );
  expect(await reportMissingTaskHolders(t.db, logger)).toBe(2);
  const health = JSON.parse(lines.find((l) => l.includes('"department":"health"'))!);
  expect(health).toMatchObject({ level: 50, role: 'provider_reviewer' });
  expect(health.msg).toMatch(/^configuration error: no active user holds provider_reviewer in health/);
});
