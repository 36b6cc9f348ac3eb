/**
 * The first administrator of a city's installation: `npm run migrate` with
 * BOOTSTRAP_ADMIN makes them, on a database with no demo data, and running it
 * again changes nothing. Production migrations seed no demo people.
 */
import { createTestDb, type TestDb } from '../../scripts/harness/databases';
import { prepareDatabase } from '../../runtime/migrate';
import { parseConfig } from '../../runtime/config';
import { testCalendarDataSet } from '../../scripts/harness/test-calendar';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb('mysql', { migrate: false });
});
afterAll(() => t?.drop());

/** `npm run migrate` with these settings, without --demo; returns what it printed. */
async function migrate(env: NodeJS.ProcessEnv): Promise<string[]> {
  const lines: string[] = [];
  await prepareDatabase(t.db, {
    demo: false,
    bootstrapAdmin: parseConfig({ NODE_ENV: 'test', ...env }).bootstrapAdmin,
    calendar: testCalendarDataSet(),
    log: (l) => lines.push(l),
  });
  return lines;
}

const count = async (table: string) => Number((await t.db(table).count({ n: '*' }))[0].n);

it('creates the administrator and their department once, seeds no demo data, and audits it', async () => {
  const lines = await migrate({ BOOTSTRAP_ADMIN: 'ops.li', BOOTSTRAP_ADMIN_NAME: '李运维' });
  expect(lines).toContain('administrator ops.li created (department platform-admin)');
  expect(await count('departments')).toBe(1);
  expect(await count('users')).toBe(1);
  expect(await count('resources')).toBe(0);
  expect(await t.db('users').where({ username: 'ops.li' }).first()).toMatchObject({
    display_name: '李运维',
    department_code: 'platform-admin',
    source: 'bootstrap',
  });
  expect(await t.db('user_roles').where({ username: 'ops.li' }).pluck('role')).toEqual(['admin']);
  const audit = await t.db('audit_log').where('action', 'like', 'directory.%').orderBy('seq');
  expect(audit.map((a) => [a.action, a.actor, a.entity_id, JSON.parse(a.detail).via])).toEqual([
    ['directory.department_create', null, 'platform-admin', 'bootstrap'],
    ['directory.user_create', null, 'ops.li', 'bootstrap'],
  ]);

  expect(await migrate({ BOOTSTRAP_ADMIN: 'ops.li' })).toContain('ops.li is already an administrator');
  expect(await count('audit_log')).toBe(audit.length);
});

it('promotes an existing user, and reactivates them if they were deactivated', async () => {
  await t.db('users').insert({
    username: 'zhou',
    display_name: '周',
    department_code: 'platform-admin',
    active: false,
    created_at_ms: Date.now(),
  });
  await t.db('user_roles').insert({ username: 'zhou', role: 'auditor' });
  expect(await migrate({ BOOTSTRAP_ADMIN: 'zhou' })).toContain('zhou is now an administrator');
  expect(await t.db('users').where({ username: 'zhou' }).first()).toMatchObject({ active: 1 });
  expect(await t.db('user_roles').where({ username: 'zhou' }).orderBy('role').pluck('role')).toEqual([
    'admin',
    'auditor',
  ]);
});

it('refuses a username that is not one, naming the variable', () => {
  expect(() => parseConfig({ NODE_ENV: 'test', BOOTSTRAP_ADMIN: 'two words' })).toThrow(/BOOTSTRAP_ADMIN/);
});
