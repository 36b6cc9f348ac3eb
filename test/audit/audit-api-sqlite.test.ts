/**
 * The audit API on the embedded database (SQLite), the default of `npm start`:
 * searches with an action prefix, verification with the database's triggers,
 * checkpoints and downloads answer as they do on MariaDB. No case is started,
 * so no Temporal server is needed.
 */
import type { Client } from '@temporalio/client';
import request from 'supertest';
import { createTestDb, type TestDb } from '../../scripts/harness/databases';
import { signIn, testApp } from '../support/api';

let t: TestDb;
let app: ReturnType<typeof testApp>;
const as = async (username: string) => ({ Authorization: `Bearer ${await signIn(app, username)}` });

beforeAll(async () => {
  t = await createTestDb('sqlite');
  app = testApp(t.db, {} as Client, { SQLITE_FILE: t.location });
});
afterAll(() => t?.drop());

it('logs reads and refusals, finds them by prefix, verifies the chains and signs a checkpoint', async () => {
  const sunhui = await as('sunhui');
  expect((await request(app).get('/api/catalogue/resources/GA-RK-001').set(sunhui)).status).toBe(200);
  expect((await request(app).get('/api/audit').set(sunhui)).status).toBe(403);

  const auditor = await as('xuhong');
  const found = await request(app).get('/api/audit?actor=sunhui&action=resource.').set(auditor);
  expect(found.status).toBe(200);
  expect(found.body.items.map((e: { action: string }) => e.action)).toEqual(['resource.read']);
  const refused = await request(app).get('/api/audit?outcome=refused').set(auditor);
  expect(refused.body.items[0]).toMatchObject({ actor: 'sunhui', entityId: 'GET /api/audit' });

  expect(
    (
      await request(app)
        .post('/api/audit/checkpoints')
        .set(await as('admin'))
    ).status,
  ).toBe(201);
  const verified = await request(app).get('/api/audit/verify').set(auditor);
  expect(verified.body).toMatchObject({ ok: true, protection: { complete: true }, retention: { years: 2 } });
  expect(verified.body.logs[0].latestCheckpoint).not.toBeNull();

  const csv = await request(app).get('/api/audit/export.csv?actor=sunhui').set(auditor);
  expect(csv.status).toBe(200);
  expect(csv.text).toContain('resource.read');
});
