import { migrateLatest, migrateRollbackAll, migrationSource } from '../../migrations';
import { breachesByStep } from '../../db/sla-rollup-repository';
import { insertTask } from '../../db/task-repository';
import { findUser, listDepartments } from '../../db/directory-repository';
import { listVersions, saveResource } from '../../db/catalogue-repository';
import { DEMO_RESOURCES } from '../../seeds/demo-catalogue';
import { policyInForce } from '../../db/policy-repository';
import { getCalendarYear } from '../../db/calendar-repository';
import { ROLES } from '../../domain/roles';
import { packagedCalendar } from '../../seeds/calendar-from-chinese-days';
import { DEMO_USERS } from '../../seeds/demo-directory';
import { defaultPolicyKey } from '../../seeds/default-policy';
import { prepareDatabase } from '../../runtime/migrate';
import { createTestDb, type DbKind, type TestDb } from '../../scripts/harness/databases';

describe.each<DbKind>(['mysql', 'sqlite'])('migrations and seeds on %s', (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(kind, { migrate: false });
  });
  afterAll(async () => t?.drop());

  /** Undoes migrations, newest first, until `name` is undone too. */
  async function migrateDownTo(name: string): Promise<void> {
    const applied = async () =>
      ((await t.db.migrate.list({ migrationSource }))[0] as { name: string }[]).map((m) => m.name);
    while ((await applied()).includes(name)) await t.db.migrate.down({ migrationSource });
  }

  it('migrate up, down and up again from an empty database', async () => {
    await migrateLatest(t.db);
    expect(await t.db.schema.hasTable('tasks')).toBe(true);
    await migrateRollbackAll(t.db);
    expect(await t.db.schema.hasTable('departments')).toBe(false);
    await migrateLatest(t.db);
    expect(await t.db.schema.hasTable('calendar_days')).toBe(true);
  });

  it('seeds the Panzhihua departments, the five counties and districts, and a demo user for every role; seeding twice changes nothing', async () => {
    await prepareDatabase(t.db, { demo: true });
    await prepareDatabase(t.db, { demo: true });
    const departments = await listDepartments(t.db);
    expect(departments.map((d) => d.name)).toEqual(
      expect.arrayContaining([
        '市政府办公室',
        '市经济和信息化局',
        '市公安局',
        '市市场监督管理局',
        '市人力资源和社会保障局',
        '市自然资源和规划局',
        '市卫生健康委员会',
        '市民政局',
        '东区',
        '西区',
        '仁和区',
        '米易县',
        '盐边县',
      ]),
    );
    expect(departments.filter((d) => d.kind === 'county')).toHaveLength(5);
    expect(new Set(DEMO_USERS.flatMap((u) => u.roles))).toEqual(new Set(ROLES));
    expect((await t.db('users').count({ n: '*' }))[0].n).toEqual(DEMO_USERS.length);
    const lina = await findUser(t.db, 'lina');
    expect(lina).toMatchObject({
      displayName: '李娜',
      department: { code: 'public-security', name: '市公安局' },
      roles: ['provider_reviewer'],
    });
  });

  it('stores Chinese text intact (utf8mb4)', async () => {
    expect((await findUser(t.db, 'zhangwei'))?.department.name).toBe('市民政局');
  });

  it('seeds the official calendar for every year chinese-days carries, with names', async () => {
    const y2026 = await getCalendarYear(t.db, 2026);
    expect(y2026.known).toBe(true);
    expect(y2026.holidays).toContainEqual({ date: '2026-10-01', name: '国庆节' });
    expect(y2026.workdays).toContainEqual({ date: '2026-09-20', name: '国庆节' });
    // Every year the package carries, and none beyond (whichever years a newer package adds).
    const last = Math.max(...packagedCalendar().keys());
    expect((await getCalendarYear(t.db, last)).known).toBe(true);
    expect((await getCalendarYear(t.db, last + 1)).known).toBe(false);
  });

  it('registers the default policy as the version in force', async () => {
    const v = await policyInForce(t.db, '2026-11-24');
    expect(v.key).toBe(defaultPolicyKey());
    expect(v.document.records?.logRetention).toMatchObject({ years: 2, citation: { article: 33 } });
    expect(v.document.processes.sharing_request.steps.platform_review.deadline).toEqual({ workingDays: 2 });
  });

  it('counts the breaches a database already had under their steps when it reaches migration 028', async () => {
    // A task opened through today's repository, then the schema back to before 028 (breaches
    // without steps), undoing the migrations after it too.
    await insertTask(t.db, {
      id: 'correction-CR-MIG-1.provider_reply.1',
      workflowId: 'correction-CR-MIG-1',
      processType: 'correction',
      caseId: 'CR-MIG-1',
      step: 'provider_reply',
      candidates: [{ role: 'provider_reviewer', department: 'public-security' }],
      startedAt: '2026-11-20T09:00:00.000+08:00',
      deadline: '2026-11-27T23:59:59.999+08:00',
      provisional: false,
      article: 24,
      policyKey: (await policyInForce(t.db, '2026-11-20')).key,
    });
    await migrateDownTo('20261203_028_breaches_by_step');
    await t.db('tasks').where({ id: 'correction-CR-MIG-1.provider_reply.1' }).update({ breached: true });
    await migrateLatest(t.db);
    const rows = await breachesByStep(t.db, { fromDay: 0, toDay: 100_000 });
    expect(rows.map((r) => [r.department_code, r.process_type, r.step, Number(r.n)])).toEqual([
      ['public-security', 'correction', 'provider_reply', 1],
    ]);
    // Migration 038 counts the open tasks it finds for the inbox.
    expect(
      await t
        .db('open_task_groups')
        .where({ role: 'provider_reviewer', department_code: 'public-security' })
        .first('n'),
    ).toEqual({ n: 1 });
  });

  it('records each entry catalogued before migration 030 as version 1, as it stood, so the next change has a diff', async () => {
    await migrateDownTo('20261204_030_resource_versions');
    expect(await t.db.schema.hasTable('resource_versions')).toBe(false);
    await migrateLatest(t.db);
    const entries = await t.db('resources').count({ n: '*' });
    expect(Number(entries[0].n)).toBeGreaterThan(0);
    expect(await listVersions(t.db, 'WJ-SW-001')).toEqual([
      expect.objectContaining({
        version: 1,
        kind: 'recorded',
        recordedBy: expect.objectContaining({ username: 'seed' }),
      }),
    ]);
    // Entries from before migration 032 have no domains yet.
    const seeded = DEMO_RESOURCES.find((r) => r.code === 'WJ-SW-001')!;
    const saved = await saveResource(
      t.db,
      { ...seeded, domains: [], items: seeded.items.slice(0, 2) },
      'huangmin',
      {
        reason: '只保留基础项',
      },
    );
    expect(saved).toMatchObject({
      version: 2,
      created: true,
      changes: [{ field: 'items', before: seeded.items, after: seeded.items.slice(0, 2) }],
      narrowings: ['items_removed'],
    });
  });
});
