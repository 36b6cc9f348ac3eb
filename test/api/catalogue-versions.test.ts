/**
 * A catalogue entry's versions (art. 9), against MariaDB: each registration
 * and change, once its draft is reviewed and published, is a version with
 * who, when, why and a field-by-field diff; a
 * change that narrows sharing tells the departments holding grants on it.
 */
import { randomUUID } from 'node:crypto';
import { useApiHarness } from '../support/api-harness';
import { catalogueEntry, httpCases, localDay, narrowDeathRecords } from '../support/http-cases';
import { waitFor } from '../support/wait';

const h = useApiHarness();
const c = httpCases(h);

const entry = (over: Record<string, unknown> = {}) =>
  catalogueEntry({ code: 'GA-VS-001', name: '驾驶人信息', ...over });

/** The entry drafted by 王芳 with `changeReason`, as the API answers the draft. */
async function draft(body: object, as = 'wangfang') {
  return c.post(as, '/api/catalogue/drafts', body, randomUUID());
}

/** The entry drafted by 王芳, reviewed by 李娜 and published; its published version. */
async function publish(e: object, changeReason: string): Promise<number> {
  return (await c.publishEntries('wangfang', 'lina', [e], changeReason)).entries[0].publishedVersion;
}

async function versions(code = 'GA-VS-001', as = 'zhangwei') {
  return h
    .http()
    .get(`/api/catalogue/resources/${code}/versions`)
    .set(await h.as(as));
}

it('records each registration and change as a version with who, when, why and what changed, field by field', async () => {
  expect(await publish(entry(), '新增资源')).toBe(1);
  expect(
    await publish(
      entry({ summary: '本市驾驶人的准驾车型和记分信息。', updateCycle: 'weekly' }),
      '按新的业务口径调整摘要和更新周期',
    ),
  ).toBe(2);

  // The same entry again is no change: nothing to review, no version, no audit line.
  const same = await draft({
    entries: [entry({ summary: '本市驾驶人的准驾车型和记分信息。', updateCycle: 'weekly' })],
    changeReason: '再次提交',
  });
  expect([same.status, same.body.error.code]).toEqual([422, 'nothing_to_review']);

  const res = await versions();
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ code: 'GA-VS-001', name: '驾驶人信息' });
  expect(res.body.versions).toHaveLength(2);
  const [second, first] = res.body.versions;
  expect(second).toEqual({
    version: 2,
    kind: 'changed',
    recordedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    recordedBy: { username: 'wangfang', displayName: '王芳' },
    reason: '按新的业务口径调整摘要和更新周期',
    changes: [
      {
        field: 'summary',
        before: '本市登记机动车的号牌、车辆类型和所有人信息。',
        after: '本市驾驶人的准驾车型和记分信息。',
      },
      { field: 'updateCycle', before: 'daily', after: 'weekly' },
    ],
    narrowings: [],
  });
  expect(first).toMatchObject({ version: 1, kind: 'registered', reason: '新增资源' });
  expect(first.changes.map((c: { field: string }) => c.field)).toContain('items');
  expect(first.changes.every((c: { before: unknown }) => c.before === null)).toBe(true);

  const audit = await h.t
    .db('audit_log')
    .where({ entity_type: 'resource', entity_id: 'GA-VS-001', action: 'resource.update' });
  expect(audit).toHaveLength(1);
  expect(JSON.parse(audit[0].detail)).toMatchObject({
    version: 2,
    reason: '按新的业务口径调整摘要和更新周期',
    fields: ['summary', 'updateCycle'],
  });
  const reads = await h.t
    .db('audit_log')
    .where({ action: 'resource.versions_read', entity_id: 'GA-VS-001', actor: 'zhangwei' });
  expect(reads).toHaveLength(1);
});

it('tells the departments holding active grants when a change narrows what the entry shares', async () => {
  // Civil affairs is entitled by law to health's death records (art. 21): a request, supplied, is a grant.
  const requested = await h
    .http()
    .post('/api/requests')
    .set(await h.as('zhangwei'))
    .set('Idempotency-Key', randomUUID())
    .send({
      resourceCode: 'WJ-SW-001',
      items: ['姓名', '死亡日期'],
      purpose: '殡葬管理和救助对象注销',
      basis: '《殡葬管理条例》第十二条',
      usageFrom: localDay(),
      usageTo: localDay(30),
    });
  expect(requested.status).toBe(201);
  const supplied = await h
    .http()
    .post(`/api/tasks/${requested.body.currentTask.id}/complete`)
    .set(await h.as('huangmin'))
    .send({ decision: 'provide' });
  expect(supplied.status).toBe(200);
  await waitFor('the grant', async () =>
    (await h.t.db('grants').where({ resource_code: 'WJ-SW-001', status: 'active' })).length
      ? true
      : undefined,
  );

  const narrowed = await narrowDeathRecords(h, '根本死因不再共享;公安部门改由户籍系统获取', {
    statutoryRecipients: ['civil-affairs'],
  });
  expect(narrowed.entries[0].publishedVersion).toBe(2);
  const latest = (await versions('WJ-SW-001')).body.versions[0];
  expect(latest.narrowings).toEqual(['items_removed', 'recipients_removed']);
  // The request still says which version it was made against.
  const request = await h
    .http()
    .get(`/api/requests/${requested.body.id}`)
    .set(await h.as('zhangwei'));
  expect(request.body.resourceVersion).toBe(1);

  const notices = await h
    .http()
    .get('/api/notices')
    .set(await h.as('zhangwei'));
  expect(notices.body.items).toContainEqual(
    expect.objectContaining({
      kind: 'catalogue',
      title: {
        zh: '居民死亡医学证明信息(WJ-SW-001)第2版:删减数据项、减少法定共享部门',
        en: 'WJ-SW-001 version 2: data items removed, statutory recipients removed',
      },
      read: false,
    }),
  );
  // A department without a grant on it is not told.
  const others = await h
    .http()
    .get('/api/notices')
    .set(await h.as('sunhui'));
  expect(others.body.items.filter((n: { kind: string }) => n.kind === 'catalogue')).toEqual([]);
});

it('refuses a change without a reason and the versions of an unknown code, storing nothing', async () => {
  const before = await h.t.db('resource_versions').where({ resource_code: 'GA-VS-001' }).count({ n: '*' });
  const noReason = await draft({ entries: [entry({ summary: '没有理由的修改。' })] });
  expect(noReason.status).toBe(400);
  expect(noReason.body.error.details.map((d: { path: string }) => d.path)).toEqual(['changeReason']);
  const blank = await draft({ entries: [entry({ summary: '空白理由的修改。' })], changeReason: '  ' });
  expect(blank.status).toBe(400);
  expect(blank.body.error.details.map((d: { path: string }) => d.path)).toEqual(['changeReason']);
  expect(await h.t.db('resource_versions').where({ resource_code: 'GA-VS-001' }).count({ n: '*' })).toEqual(
    before,
  );
  expect((await h.t.db('resources').where({ code: 'GA-VS-001' }).first()).summary).not.toMatch(/理由/);

  const unknown = await versions('GA-NO-999');
  expect([unknown.status, unknown.body.error.code]).toEqual([404, 'resource_not_found']);
});

it('shows the seeded entries as version 1, recorded when versions began or registered by the seed', async () => {
  const res = await versions('GA-RK-001');
  expect(res.status).toBe(200);
  expect(res.body.versions).toHaveLength(1);
  expect(res.body.versions[0]).toMatchObject({ version: 1, recordedBy: { username: expect.any(String) } });
});
