/**
 * Auditors can use the audit trail (art. 32, 33): find who did or was refused
 * what, download it, and verify both logs' hash chains and checkpoints. They
 * read everything and change nothing, and their own searches are logged too.
 */
import ExcelJS from 'exceljs';
import { useApiHarness } from '../support/api-harness';
import { httpCases, localDay, populationRequest } from '../support/http-cases';
import { waitFor } from '../support/wait';

const h = useApiHarness();
const c = httpCases(h);

it('finds a case’s entries and a refused read by filter, newest first, and logs the search', async () => {
  const granted = await c.request('zhangwei', populationRequest());
  await c.until('zhangwei', `/api/requests/${granted.id}`, (b) => b.status === 'granted');
  expect((await c.get('sunhui', `/api/requests/${granted.id}`)).status).toBe(403);

  const ofCase = await waitFor('the grant in the log', async () => {
    const res = await c.get('xuhong', `/api/audit?entityId=${granted.id}&pageSize=50`);
    return res.body.items?.some((e: { action: string }) => e.action === 'sharing_request.granted_at_once')
      ? res
      : undefined;
  });
  expect(ofCase.status).toBe(200);
  const actions = ofCase.body.items.map((e: { action: string }) => e.action);
  expect(actions).toEqual(
    expect.arrayContaining(['sharing_request.submitted', 'sharing_request.granted_at_once']),
  );
  const positions = ofCase.body.items.map((e: { pos: number }) => e.pos);
  expect(positions).toEqual([...positions].sort((a, b) => b - a));

  const refused = await c.get(
    'xuhong',
    `/api/audit?actor=sunhui&outcome=refused&from=${localDay()}&to=${localDay()}`,
  );
  expect(refused.body.total).toBe(1);
  expect(refused.body.items[0]).toMatchObject({
    actor: 'sunhui',
    actorDepartment: 'natural-resources',
    action: 'access.refused',
    entityId: `GET /api/requests/${granted.id}`,
    outcome: 'refused',
    detail: { status: 403 },
  });
  expect(refused.body.items[0].ip).toMatch(/127\.0\.0\.1|::1/);
  expect(refused.body.items[0].hash).toMatch(/^[0-9a-f]{64}$/);

  const searches = await c.get('xuhong', '/api/audit?actor=xuhong&action=audit.search');
  expect(searches.body.items[0]).toMatchObject({
    action: 'audit.search',
    detail: { filter: { actor: 'sunhui', outcome: 'refused' }, total: 1 },
  });
});

it('refuses a bad filter with a 400 naming the field, and anyone but an auditor with a 403', async () => {
  for (const [query, field] of [
    ['from=2026-02-30', 'from'],
    ['outcome=maybe', 'outcome'],
    [`from=${localDay(1)}&to=${localDay()}`, 'from'],
    ['actor=%20', 'actor'],
    ['pageSize=500', 'pageSize'],
    ['colour=red', ''],
  ]) {
    const res = await c.get('xuhong', `/api/audit?${query}`);
    expect([query, res.status]).toEqual([query, 400]);
    expect(JSON.stringify(res.body.error)).toContain(field);
  }
  expect((await c.get('zhangwei', '/api/audit')).status).toBe(403);
  expect((await c.get('admin', '/api/audit')).status).toBe(403);
  const logged = await c.get('xuhong', '/api/audit?actor=zhangwei&outcome=refused');
  expect(logged.body.items[0]).toMatchObject({ entityId: 'GET /api/audit', detail: { status: 403 } });
});

it('downloads the filtered entries as CSV and XLSX, and logs each download', async () => {
  const csv = await c.get('xuhong', '/api/audit/export.csv?action=sharing_request.');
  expect(csv.status).toBe(200);
  expect(csv.headers['content-type']).toMatch(/^text\/csv/);
  expect(csv.headers['content-disposition']).toMatch(/attachment; filename="audit-\d{8}-\d{4}\.csv"/);
  expect(csv.text.startsWith('\ufeff序号 Position,时间 Time')).toBe(true);
  expect(csv.text).toContain('sharing_request.granted_at_once');

  const file = await c.download('xuhong', '/api/audit/export.xlsx?action=sharing_request.');
  expect(file.status).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(file.body as never);
  const sheet = book.getWorksheet('审计日志')!;
  expect(sheet.getRow(1).getCell(5).value).toBe('操作');
  expect(sheet.rowCount).toBeGreaterThan(2);

  const downloads = await c.get('xuhong', '/api/audit?action=audit.export');
  expect(downloads.body.items.map((e: { detail: { format: string } }) => e.detail.format)).toEqual([
    'xlsx',
    'csv',
  ]);
  expect(downloads.body.items[0].detail).toMatchObject({
    filter: { action: 'sharing_request.' },
    truncated: false,
  });
});

it('verifies both chains with the retention period from the policy; only the administrator signs a checkpoint', async () => {
  expect((await c.post('xuhong', '/api/audit/checkpoints', {})).status).toBe(403);
  const made = await c.post('admin', '/api/audit/checkpoints', {});
  expect(made.status).toBe(201);
  expect(made.body.checkpoints.map((k: { log: string }) => k.log)).toEqual(['audit', 'exchange']);

  const res = await c.get('xuhong', '/api/audit/verify');
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({
    ok: true,
    protection: { complete: true },
    signingKey: { algorithm: 'SM2 with SM3' },
    retention: { years: 2, article: 33, basis: 'measures', label: { zh: '日志保留不少于2年(第三十三条)' } },
  });
  expect(res.body.logs.map((l: { log: string; ok: boolean }) => [l.log, l.ok])).toEqual([
    ['audit', true],
    ['exchange', true],
  ]);
  const audit = res.body.logs[0];
  expect(audit.latestCheckpoint).toMatchObject({ pos: made.body.checkpoints[0].pos });
  expect(audit.rows).toBeGreaterThan(5);
});

it('logs reads of catalogue entries, searches, grants, their exchange logs and every download, with who and from where', async () => {
  const granted = await c.request('liuyan', populationRequest());
  const g = await c.until('liuyan', `/api/requests/${granted.id}`, (b) => b.status === 'granted');
  const grantId = (g.grant as { id: string }).id;
  for (const path of [
    '/api/catalogue/resources?q=人口',
    '/api/catalogue/resources/GA-RK-001',
    '/api/grants?status=active',
    `/api/grants/${grantId}`,
    `/api/grants/${grantId}/exchanges`,
  ])
    expect([path, (await c.get('liuyan', path)).status]).toEqual([path, 200]);
  expect((await c.download('wuming', '/api/dashboard/sla/breaches.xlsx')).status).toBe(200);

  const of = async (actor: string) =>
    (await c.get('xuhong', `/api/audit?actor=${actor}&outcome=ok&pageSize=20`)).body.items as {
      action: string;
      entityId: string;
      ip: string;
      detail: Record<string, unknown>;
    }[];
  const liuyan = await of('liuyan');
  expect(liuyan.slice(0, 5).map((e) => [e.action, e.entityId])).toEqual([
    ['exchange_log.read', grantId],
    ['grant.read', grantId],
    ['grant.search', 'grant'],
    ['resource.read', 'GA-RK-001'],
    ['resource.search', 'resource'],
  ]);
  expect(liuyan[4].detail).toMatchObject({ outcome: 'ok', query: { q: '人口' } });
  for (const e of liuyan.slice(0, 5)) expect(e.ip).toMatch(/127\.0\.0\.1|::1/);
  const [download] = await of('wuming');
  expect(download).toMatchObject({
    action: 'dashboard.export',
    detail: {
      format: 'xlsx',
      file: expect.stringMatching(/^sla-breaches-\d{4}-\d{2}-\d{2}\.xlsx$/),
      outcome: 'ok',
    },
  });
  expect(download.detail.bytes).toBeGreaterThan(1000);
});
