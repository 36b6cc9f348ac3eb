/**
 * Data updates (art. 20) through the API on MariaDB: the provider's steward
 * reports an entry's data updated, and the catalogue shows when and that it is
 * fresh; another department's steward, a requester, an unknown entry, a time
 * in the future and an impossible date are refused by field, changing nothing.
 */
import { useApiHarness } from '../support/api-harness';
import { httpCases } from '../support/http-cases';

const h = useApiHarness();
const c = httpCases(h);

const report = async (who: string, code: string, body: object) =>
  h
    .http()
    .post(`/api/catalogue/resources/${code}/data-updates`)
    .set(await h.as(who))
    .send(body);

it("records the provider's update, audited, and the catalogue shows the entry fresh", async () => {
  const at = new Date(Date.now() - 3_600_000).toISOString();
  const res = await report('wangfang', 'GA-RK-001', { updatedAt: at });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ code: 'GA-RK-001', dataUpdatedAt: expect.any(String) });
  const entry = await c.until(
    'zhangwei',
    '/api/catalogue/resources/GA-RK-001',
    (b) => b.freshness === 'fresh',
  );
  expect(Date.parse(entry.dataUpdatedAt as string)).toBe(Date.parse(at));
  // An older report does not move the time back.
  await report('wangfang', 'GA-RK-001', { updatedAt: new Date(Date.now() - 7_200_000).toISOString() });
  expect(Date.parse((await c.get('zhangwei', '/api/catalogue/resources/GA-RK-001')).body.dataUpdatedAt)).toBe(
    Date.parse(at),
  );
  expect(
    await h.t.db('audit_log').where({ action: 'resource.data_updated', entity_id: 'GA-RK-001' }),
  ).toHaveLength(2);
});

it('refuses another department, a requester, an unknown entry, the future and an impossible date', async () => {
  const before = await h.t.db('resources').where({ code: 'RS-SB-001' }).first('data_updated_at_ms');
  expect((await report('wangfang', 'RS-SB-001', {})).status).toBe(403);
  expect((await report('zhangwei', 'RS-SB-001', {})).status).toBe(403);
  const unknown = await report('wangfang', 'GA-NO-404', {});
  expect([unknown.status, unknown.body.error.code]).toEqual([404, 'resource_not_found']);
  const future = await report('zhaoqiang', 'RS-SB-001', {
    updatedAt: new Date(Date.now() + 86_400_000).toISOString(),
  });
  expect([future.status, future.body.error.details[0].path]).toEqual([422, 'updatedAt']);
  const impossible = await report('zhaoqiang', 'RS-SB-001', { updatedAt: '2026-02-30T10:00:00+08:00' });
  expect([impossible.status, impossible.body.error.details[0].path]).toEqual([400, 'updatedAt']);
  expect(await h.t.db('resources').where({ code: 'RS-SB-001' }).first('data_updated_at_ms')).toEqual(before);
  expect(await h.t.db('resource_freshness').where({ resource_code: 'RS-SB-001' })).toEqual([]);
});
