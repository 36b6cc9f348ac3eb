/**
 * The inbox read off the candidate index, against a plain filter and sort of
 * the same rows, on MariaDB and SQLite: a page is the caller's visible tasks in
 * deadline order, each once (a caller may match a task through several
 * groups), with the right total, through every filter and page; a task's
 * closing, new deadline and escalation groups reach its candidate rows; and
 * the inbox rollup (open tasks per group) follows every change once, as a
 * recount would.
 */
import { rebuildInboxRollup } from '../../db/inbox-rollup-repository';
import {
  closeTaskRow,
  insertCandidates,
  insertTask,
  replaceCandidates,
  updateTaskDeadline,
  INBOX_TOTAL_CAP,
  listDone,
  listInbox,
  type InboxFilter,
} from '../../db/task-repository';
import { createTestDb, type DbKind, type TestDb } from '../../scripts/harness/databases';
import { HOUR, importOpenTasks, iso, seedTasks, T0 } from '../support/task-fixtures';
import { defaultPolicyKey } from '../../seeds/default-policy';

/** The inbox as a plain filter and sort over every row. */
async function naiveInbox(t: TestDb, f: InboxFilter) {
  const rows = await t.db('tasks').select('*');
  const cands = await t.db('task_candidates').select('*');
  const visible = rows.filter((r) =>
    cands.some(
      (c) =>
        c.task_id === r.id &&
        f.roles.includes(c.role) &&
        (c.department_code === null || c.department_code === f.department),
    ),
  );
  const matching = visible.filter(
    (r) =>
      (f.status === 'open' ? r.status === 'open' : r.status !== 'open') &&
      (!f.mine || r.claimed_by === f.username || r.completed_by === f.username) &&
      (!f.unclaimed || r.claimed_by === null) &&
      (!f.overdue || (r.status === 'open' && Number(r.due_at_ms) < f.nowMs)) &&
      (f.dueBeforeMs === undefined || (r.status === 'open' && Number(r.due_at_ms) <= f.dueBeforeMs)) &&
      (!f.processType || r.process_type === f.processType),
  );
  matching.sort((a, b) => Number(a.due_at_ms) - Number(b.due_at_ms) || (a.id < b.id ? -1 : 1));
  const start = (f.page - 1) * f.pageSize;
  return { ids: matching.slice(start, start + f.pageSize).map((r) => r.id), total: matching.length };
}

/** 已办 as a plain filter: done (not cancelled) by someone of the caller's department, through a group of theirs, latest first. */
async function naiveDone(t: TestDb, f: InboxFilter) {
  const sameDepartment = new Set(
    (await t.db('users').where('department_code', f.department).select('username')).map((u) => u.username),
  );
  const visible = await naiveInbox(t, { ...f, status: 'done', mine: false, page: 1, pageSize: 10_000 });
  const rows = await t.db('tasks').whereIn('id', visible.ids);
  const matching = rows.filter(
    (r) =>
      r.status === 'done' &&
      (f.mine ? r.completed_by === f.username : sameDepartment.has(r.completed_by)) &&
      (!f.processType || r.process_type === f.processType),
  );
  matching.sort((a, b) => Number(b.completed_at_ms) - Number(a.completed_at_ms) || (a.id < b.id ? 1 : -1));
  const start = (f.page - 1) * f.pageSize;
  return { ids: matching.slice(start, start + f.pageSize).map((r) => r.id), total: matching.length };
}

describe.each<DbKind>(['mysql', 'sqlite'])('on %s', (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(kind);
    await seedTasks(t);
  });
  afterAll(() => t?.drop());

  const base: InboxFilter = {
    username: 'zhaoqiang',
    department: 'hr-social-security',
    roles: ['provider_reviewer', 'data_steward'],
    status: 'open',
    mine: false,
    overdue: false,
    nowMs: T0 + 8 * 24 * HOUR,
    page: 1,
    pageSize: 5,
  };
  const cases: [string, Partial<InboxFilter>][] = [
    ['a department reviewer, page 1', {}],
    ['page 3', { page: 3 }],
    ['past the last page', { page: 40 }],
    ['done', { status: 'done' }],
    ['mine', { mine: true }],
    ['mine, done', { mine: true, status: 'done' }],
    ['unclaimed', { unclaimed: true }],
    ['overdue', { overdue: true }],
    ['due within', { dueBeforeMs: T0 + 10 * 24 * HOUR }],
    ['one process', { processType: 'correction', pageSize: 50 }],
    [
      'the city-wide platform approver',
      { username: 'chenjing', department: 'gov-office', roles: ['platform_approver'] },
    ],
    ['two city roles', { department: 'gov-office', roles: ['platform_approver', 'lg_office'], pageSize: 50 }],
    ['no roles', { roles: [] }],
  ];

  it.each(cases)('pages the inbox like a plain filter and sort: %s', async (_, change) => {
    const f = { ...base, ...change };
    const got = await listInbox(t.db, f);
    const want = await naiveInbox(t, f);
    expect(got.items.map((x) => x.id)).toEqual(want.ids);
    expect(got.total).toBe(want.total);
    // Only a caller without roles sees nothing; every other case compares real pages.
    expect(want.total > 0).toBe(f.roles.length > 0);
  });

  it.each<[string, Partial<InboxFilter>]>([
    ['a department reviewer', {}],
    ['page 2', { page: 2, pageSize: 2 }],
    ['mine', { mine: true }],
    [
      'another department',
      { username: 'wangfang', department: 'public-security', roles: ['provider_reviewer'] },
    ],
    ['one process', { processType: 'sharing_request' }],
  ])("lists 已办 as what the caller's department decided, latest first: %s", async (_, change) => {
    const f = { ...base, ...change };
    const got = await listDone(t.db, f);
    const want = await naiveDone(t, f);
    expect(got.items.map((x) => x.id)).toEqual(want.ids);
    expect(got.total).toBe(want.total);
    expect(want.total > 0).toBe(f.department === base.department);
    // Nobody's action: a task cancelled with its case, or decided by another department.
    for (const x of got.items) expect(x.status).toBe('done');
  });

  it('counts a full inbox up to 1000 and says there are more', async () => {
    const ids = await importOpenTasks(
      t,
      Array.from({ length: INBOX_TOTAL_CAP + 5 }, (_, i) => ({
        workflowId: `bulk-${i}`,
        caseId: `B-${i}`,
        dueAtMs: T0 + i * HOUR,
      })),
    );
    // Written around the repository, as a bulk import is: counted afresh, as after one.
    await rebuildInboxRollup(t.db);
    const got = await listInbox(t.db, { ...base, department: 'audit-bureau', roles: ['provider_reviewer'] });
    expect(got).toMatchObject({ total: INBOX_TOTAL_CAP, totalCapped: true });
    expect(got.items.map((x) => x.id)).toEqual(ids.slice(0, 5));
    const few = await listInbox(t.db, base);
    expect(few.totalCapped).toBe(false);
  });

  it("counts each group's open tasks once however often a write is retried, as a recount does", async () => {
    const recount = async () => {
      const open: { role: string; department_code: string | null }[] = await t
        .db('task_candidates')
        .where({ status: 'open' })
        .select('role', 'department_code');
      const n = new Map<string, number>();
      for (const c of open) {
        const key = `${c.role}|${c.department_code ?? ''}`;
        n.set(key, (n.get(key) ?? 0) + 1);
      }
      return [...n].map(([key, count]) => `${key}|${count}`).sort();
    };
    const rollup = async () =>
      (await t.db('open_task_groups').where('n', '>', 0).select('*'))
        .map((r) => `${r.role}|${r.department_code}|${Number(r.n)}`)
        .sort();
    const task = {
      id: 'rollup-1.step.1',
      workflowId: 'rollup-1',
      processType: 'sharing_request',
      caseId: 'R-1',
      step: 'provider_review',
      candidates: [{ role: 'provider_reviewer' as const, department: 'public-security' }],
      startedAt: iso(T0),
      deadline: iso(T0 + 24 * HOUR),
      provisional: false,
      article: 23,
      policyKey: defaultPolicyKey(),
    };
    const before = await listInbox(t.db, {
      ...base,
      department: 'public-security',
      roles: ['provider_reviewer'],
    });
    // Opened twice (a retried activity), escalated twice, handed to another department, closed twice.
    await insertTask(t.db, task);
    await insertTask(t.db, task);
    expect(await rollup()).toEqual(await recount());
    const opened = await listInbox(t.db, {
      ...base,
      department: 'public-security',
      roles: ['provider_reviewer'],
    });
    expect(opened.total).toBe(before.total + 1);
    const escalation = [{ role: 'supervisor' as const, department: null }];
    await insertCandidates(t.db, task.id, escalation, 'escalation');
    await insertCandidates(t.db, task.id, escalation, 'escalation');
    const moved = [{ role: 'provider_reviewer' as const, department: 'civil-affairs' }];
    await replaceCandidates(t.db, task.id, moved, []);
    await replaceCandidates(t.db, task.id, moved, []);
    expect(await rollup()).toEqual(await recount());
    const after = await listInbox(t.db, {
      ...base,
      department: 'public-security',
      roles: ['provider_reviewer'],
    });
    expect(after.total).toBe(before.total);
    const supervisor = { ...base, department: 'civil-affairs', roles: ['supervisor'] };
    expect((await listInbox(t.db, supervisor)).items.map((x) => x.id)).toEqual([task.id]);
    const closing = {
      taskId: task.id,
      status: 'done' as const,
      decision: 'approve',
      reason: null,
      by: 'x',
      at: iso(T0),
    };
    await closeTaskRow(t.db, closing);
    await closeTaskRow(t.db, closing);
    expect(await rollup()).toEqual(await recount());
    expect(await listInbox(t.db, supervisor)).toEqual({ items: [], total: 0, totalCapped: false });
    const incremental = await rollup();
    await rebuildInboxRollup(t.db);
    expect(await rollup()).toEqual(incremental);
  });

  it('carries a closing, a new deadline and an escalation group to the candidate rows', async () => {
    const id = 'wf-1.step.1';
    await updateTaskDeadline(t.db, id, iso(T0 + 99 * 24 * HOUR), false);
    await insertCandidates(t.db, id, [{ role: 'lg_office', department: null }], 'escalation');
    const rows = await t.db('task_candidates').where({ task_id: id });
    expect(rows.map((r) => [r.status, Number(r.due_at_ms)])).toEqual(
      rows.map(() => ['open', T0 + 99 * 24 * HOUR]),
    );
    await closeTaskRow(t.db, {
      taskId: id,
      status: 'done',
      decision: 'approve',
      reason: null,
      by: 'x',
      at: iso(T0),
    });
    expect((await t.db('task_candidates').where({ task_id: id })).every((r) => r.status === 'done')).toBe(
      true,
    );
    // A group added after closing (an escalation racing the decision) is born closed.
    await insertCandidates(t.db, id, [{ role: 'supervisor', department: null }], 'escalation');
    expect((await t.db('task_candidates').where({ task_id: id, role: 'supervisor' }).first()).status).toBe(
      'done',
    );
  });
});
