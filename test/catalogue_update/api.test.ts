/**
 * Reforms and catalogue-update obligations (art. 9, 37) through the API,
 * against the Temporal dev server and MariaDB: registering a reform starts
 * each department's obligation with its deadline; a catalogue change meets
 * one by itself, a reasoned "no change" another; bad input is refused.
 */
import { randomUUID } from 'node:crypto';
import { DEMO_RESOURCES } from '../../seeds/demo-catalogue';
import { useApiHarness } from '../support/api-harness';
import { httpCases, localDay } from '../support/http-cases';

const h = useApiHarness();
const c = httpCases(h);

const reform = (over: Record<string, unknown> = {}) => ({
  title: '市级机构改革:组建市数据局',
  effectiveDate: localDay(),
  departments: ['public-security', 'hr-social-security'],
  description: '政务数据管理职责调整',
  ...over,
});

it('registers a reform (idempotently); a catalogue change or a reasoned "no change" meets each obligation', async () => {
  const key = randomUUID();
  const res = await c.post('zhoujie', '/api/reforms', reform(), key);
  expect(res.status).toBe(201);
  const due = await c.get(
    'zhoujie',
    `/api/calendar/deadline?from=${encodeURIComponent(`${localDay()}T00:00:00+08:00`)}&workingDays=15`,
  );
  expect(
    res.body.obligations.map(
      (o: { department: string; status: string; deadlines: { deadline: string; article: number }[] }) => [
        o.department,
        o.status,
        o.deadlines[0].deadline,
        o.deadlines[0].article,
      ],
    ),
  ).toEqual([
    ['hr-social-security', 'open', due.body.deadline, 9],
    ['public-security', 'open', due.body.deadline, 9],
  ]);
  const again = await c.post('zhoujie', '/api/reforms', reform(), key);
  expect([again.status, again.body.id]).toEqual([200, res.body.id]);

  // Public security's steward changes a resource: a draft its colleague 李娜 reviews, then published.
  const seeded = DEMO_RESOURCES.find((r) => r.code === 'GA-RK-001')!;
  await c.publishEntries(
    'wangfang',
    'lina',
    [{ ...seeded, summary: `${seeded.summary}(机构改革后更新)` }],
    '机构改革后更新摘要',
  );
  // The obligation lists both of its resources: the published change counts for one; the other is kept.
  const listed = await c.until('zhoujie', `/api/reforms/${res.body.id}`, (b) =>
    (b.obligations as { department: string; resources: { code: string; decision: string | null }[] }[]).some(
      (o) => o.department === 'public-security' && o.resources.some((r) => r.decision === 'updated'),
    ),
  );
  expect(
    (
      listed.obligations as {
        department: string;
        status: string;
        resources: { code: string; decision: string | null }[];
      }[]
    )
      .filter((o) => o.department === 'public-security')
      .map((o) => [o.status, o.resources.map((r) => [r.code, r.decision])]),
  ).toEqual([
    [
      'open',
      [
        ['GA-RK-001', 'updated'],
        ['GA-XZ-001', null],
      ],
    ],
  ]);
  const kept = await c.post('wangfang', `/api/reforms/${res.body.id}/obligations/public-security/decisions`, {
    resourceCode: 'GA-XZ-001',
    decision: 'keep',
    reason: '行政执法信息不受此次改革影响',
  });
  expect(kept.status).toBe(200);
  const afterChange = await c.until('zhoujie', `/api/reforms/${res.body.id}`, (b) =>
    (b.obligations as { department: string; status: string }[]).some(
      (o) => o.department === 'public-security' && o.status === 'met',
    ),
  );
  expect(
    (afterChange.obligations as { department: string; metHow: string }[]).find(
      (o) => o.department === 'public-security',
    )?.metHow,
  ).toBe('updated');

  // HR's steward finds the task in the inbox; "updated" without a change is refused, "no change" needs a reason.
  const tasks = await c.get('zhaoqiang', '/api/tasks?processType=catalogue_update');
  const task = (tasks.body.items as { id: string; caseId: string }[]).find(
    (t) => t.caseId === `${res.body.id}.hr-social-security`,
  )!;
  expect((await c.complete('zhaoqiang', task.id, { decision: 'updated' })).status).toBe(422);
  expect((await c.complete('zhaoqiang', task.id, { decision: 'no_change' })).status).toBe(422);
  expect(
    (await c.complete('zhaoqiang', task.id, { decision: 'no_change', reason: '本部门资源不受影响' })).status,
  ).toBe(200);
  await c.until('zhoujie', `/api/reforms/${res.body.id}`, (b) =>
    (b.obligations as { status: string }[]).every((o) => o.status === 'met'),
  );
  expect((await c.get('zhoujie', '/api/sanctions?active=true')).body.items).toEqual([]);
});

const bad = (over: Record<string, unknown> = {}) => reform({ title: '不应登记的改革', ...over });

it('refuses another role (403), an unknown department or a date before the measures (422), a malformed date or no Idempotency-Key (400)', async () => {
  expect((await c.post('zhangwei', '/api/reforms', bad(), randomUUID())).status).toBe(403);
  const unknown = await c.post(
    'zhoujie',
    '/api/reforms',
    bad({ departments: ['public-security', 'nope'] }),
    randomUUID(),
  );
  expect([unknown.status, unknown.body.error.details]).toEqual([
    422,
    [
      {
        path: 'departments[1]',
        code: 'unknown_department',
        params: { code: 'nope' },
        message: 'no department nope',
      },
    ],
  ]);
  const badDate = await c.post('zhoujie', '/api/reforms', bad({ effectiveDate: '2026-02-30' }), randomUUID());
  expect([badDate.status, badDate.body.error.details[0].path]).toEqual([400, 'effectiveDate']);
  const twice = await c.post(
    'zhoujie',
    '/api/reforms',
    bad({ departments: ['health', 'health'] }),
    randomUUID(),
  );
  expect(twice.status).toBe(400);
  expect((await c.post('zhoujie', '/api/reforms', bad())).status).toBe(400);
  // Art. 39 (本办法自颁布之日起施行): the measures bind from the day they took effect; a reform of 1990 owes nothing under them.
  const before = await c.post('zhoujie', '/api/reforms', bad({ effectiveDate: '1990-01-01' }), randomUUID());
  expect(before.status).toBe(422);
  expect(before.body.error.details).toEqual([
    {
      path: 'effectiveDate',
      code: 'before_measures',
      params: { from: '2019-08-29' },
      message: expect.stringMatching(
        /^is before the measures took effect \(2019-08-29, panzhihua-2019@\d+\)$/,
      ),
    },
  ]);
  expect(await h.t.db('reforms').where({ title: '不应登记的改革' })).toEqual([]);
  expect((await c.get('zhoujie', '/api/reforms/RF-NOPE')).status).toBe(404);
});

it('accepts a reform registered after its update period has ended, flags it late with the days elapsed, and opens the rectification path, not a sanction', async () => {
  const res = await c.post(
    'zhoujie',
    '/api/reforms',
    reform({ title: '迟报的机构改革', effectiveDate: localDay(-60), departments: ['health'] }),
    randomUUID(),
  );
  expect(res.status).toBe(201);
  expect(res.body.late).toBe(true);
  const due = res.body.obligations[0].deadlines[0].deadline as string;
  expect(res.body.daysLate).toBeGreaterThan(0);
  expect(res.body.daysLate).toBe(
    Math.round(
      (Date.parse(`${localDay()}T00:00:00+08:00`) - Date.parse(`${due.slice(0, 10)}T00:00:00+08:00`)) /
        86_400_000,
    ),
  );
  // The missed period opens with an order to rectify for the LG office, never an instant sanction.
  const overdue = await c.until('zhoujie', `/api/reforms/${res.body.id}`, (b) =>
    (b.obligations as { currentTasks: { step: string }[] }[])[0].currentTasks.some(
      (t) => t.step === 'rectification_order',
    ),
  );
  expect(overdue.obligations).toEqual([
    expect.objectContaining({ department: 'health', status: 'overdue', sanctions: [] }),
  ]);
  // A reform registered in time is not late.
  const timely = await c.post('zhoujie', '/api/reforms', reform({ title: '按时登记的改革' }), randomUUID());
  expect([timely.body.late, timely.body.daysLate]).toEqual([false, null]);
});

it('lists reforms newest first with how many obliged departments have updated, for anyone, or for one department', async () => {
  const one = await c.post(
    'zhoujie',
    '/api/reforms',
    reform({ departments: ['natural-resources'] }),
    randomUUID(),
  );
  const two = await c.post(
    'zhoujie',
    '/api/reforms',
    reform({ departments: ['health', 'civil-affairs'] }),
    randomUUID(),
  );
  expect([one.status, two.status]).toEqual([201, 201]);
  const all = await c.get('zhangwei', '/api/reforms?pageSize=100');
  expect(all.status).toBe(200);
  const ids = all.body.items.map((r: { id: string }) => r.id);
  expect(ids.indexOf(two.body.id)).toBeLessThan(ids.indexOf(one.body.id)); // newest first
  expect(all.body.items.find((r: { id: string }) => r.id === two.body.id)).toMatchObject({
    title: '市级机构改革:组建市数据局',
    departments: 2,
    met: 0,
  });
  const health = await c.get('huangmin', '/api/reforms?department=health&pageSize=100');
  expect(health.body.items.map((r: { id: string }) => r.id)).toContain(two.body.id);
  expect(health.body.items.map((r: { id: string }) => r.id)).not.toContain(one.body.id);
});
