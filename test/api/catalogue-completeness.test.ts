/**
 * How far each department has compiled its catalogue (art. 7, 8), on MariaDB:
 * the LG office sees every department that compiles one, those with none
 * first, with what is not shared, drafts under way and national metadata
 * missing; a county administrator sees the county's own departments; others
 * are refused, and each read is in the audit log.
 */
import { randomUUID } from 'node:crypto';
import { useApiHarness } from '../support/api-harness';
import { catalogueEntry, httpCases } from '../support/http-cases';

const h = useApiHarness();
const c = httpCases(h);

type Row = {
  department: { code: string };
  entries: number;
  notShared: number;
  openDrafts: number;
  missingNationalCode: number;
  lastChangedAt: string | null;
};
const rows = async (who: string) =>
  (await c.get(who, '/api/catalogue/completeness')).body.departments as Row[];

it("shows the LG office each department's catalogue, those that have compiled none first", async () => {
  const drafted = await c.post(
    'wangfang',
    '/api/catalogue/drafts',
    { entries: [catalogueEntry({ code: 'GA-CP-001' })], changeReason: '新增资源' },
    randomUUID(),
  );
  expect(drafted.status).toBe(201);

  const all = await rows('zhoujie');
  const codes = all.map((r) => r.department.code);
  // Every department that compiles a catalogue, the county ones too; not a county as such.
  expect(codes).toEqual(
    expect.arrayContaining(['public-security', 'health', 'cyberspace', 'renhe-civil-affairs']),
  );
  expect(codes).not.toContain('renhe');
  expect(all.map((r) => r.entries)).toEqual([...all.map((r) => r.entries)].sort((a, b) => a - b));
  expect(all.find((r) => r.department.code === 'cyberspace')).toMatchObject({
    entries: 0,
    lastChangedAt: null,
  });
  // Public security: the population register and the not-shared case records, one draft under way.
  expect(all.find((r) => r.department.code === 'public-security')).toMatchObject({
    entries: 2,
    notShared: 1,
    openDrafts: 1,
    missingNationalCode: 1,
    lastChangedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
  });
  expect(
    await h.t.db('audit_log').where({ action: 'catalogue.completeness_read', actor: 'zhoujie' }),
  ).toHaveLength(1);
});

it("shows a county administrator the county's own departments, and refuses a department's people", async () => {
  expect((await rows('hegang')).map((r) => r.department.code)).toEqual(['renhe-civil-affairs']);
  expect(await rows('tanglei')).toEqual([]);
  for (const who of ['zhangwei', 'wangfang', 'lina']) {
    const res = await c.get(who, '/api/catalogue/completeness');
    expect([who, res.status]).toEqual([who, 403]);
  }
});
