/**
 * Catalogue drafts (art. 7, 9) through the API on the dev server, on MariaDB:
 * a steward submits under an Idempotency-Key; the draft is the department's
 * own; a change that narrows a published entry is reviewed, 核定 by the LG
 * office and published as a new version, and the department holding a grant
 * on it is told. Every bad input is refused with a 4xx naming the field, and
 * nothing is stored.
 */
import { randomUUID } from 'node:crypto';
import { DEMO_RESOURCES } from '../../seeds/demo-catalogue';
import { useApiHarness } from '../support/api-harness';
import { catalogueEntry, httpCases, populationRequest } from '../support/http-cases';

const h = useApiHarness();
const c = httpCases(h);

const population = DEMO_RESOURCES.find((r) => r.code === 'GA-RK-001')!;
const asPublished = DEMO_RESOURCES.find((r) => r.code === 'GA-XZ-001')!;
const draftCount = async () => Number((await h.t.db('catalogue_drafts').count({ n: '*' }))[0].n);
const openTask = (username: string, draftId: string) =>
  c
    .until(username, '/api/tasks', (b) => (b.items as { caseId: string }[]).some((t) => t.caseId === draftId))
    .then((b) =>
      (b.items as { caseId: string; id: string; step: string }[]).find((t) => t.caseId === draftId)!,
    );

it('a narrowing change: submitted once per key, reviewed, 核定, published as a new version; the grant holder is told', async () => {
  const granted = await c.request('zhangwei', populationRequest());
  await c.until('zhangwei', `/api/requests/${granted.id}`, (b) => b.grant !== null);

  const narrowed = { ...population, items: population.items.filter((i) => i.name !== '户籍变动日期') };
  const body = { entries: [narrowed], changeReason: '户籍变动日期不再共享' };
  const key = randomUUID();
  const first = await c.post('wangfang', '/api/catalogue/drafts', body, key);
  expect(first.status).toBe(201);
  expect(first.body).toMatchObject({
    status: 'entry_review',
    provider: 'public-security',
    author: 'wangfang',
  });
  expect(first.body.entries[0]).toMatchObject({
    kind: 'change',
    narrowings: ['items_removed'],
    changes: [expect.objectContaining({ field: 'items' })],
  });
  const again = await c.post('wangfang', '/api/catalogue/drafts', body, key);
  expect([again.status, again.body.id]).toEqual([200, first.body.id]);
  const reused = await c.post('wangfang', '/api/catalogue/drafts', { ...body, changeReason: '别的' }, key);
  expect([reused.status, reused.body.error.code]).toEqual([422, 'idempotency_key_reused']);
  expect((await c.get('zhangwei', '/api/catalogue/resources/GA-RK-001')).body.items).toHaveLength(7);

  const review = await openTask('lina', first.body.id);
  expect(review.step).toBe('entry_review');
  const self = await c.complete('wangfang', review.id, { decision: 'approve' });
  expect([self.status, self.body.error.params?.reason]).toEqual([403, 'self_review']);
  expect((await c.complete('lina', review.id, { decision: 'approve' })).status).toBe(200);
  const verification = await openTask('zhoujie', first.body.id);
  expect(verification.step).toBe('entry_verification');
  expect((await c.complete('zhoujie', verification.id, { decision: 'confirm' })).status).toBe(200);

  const published = await c.until(
    'wangfang',
    `/api/catalogue/drafts/${first.body.id}`,
    (b) => b.status === 'published',
  );
  expect(published).toMatchObject({ needsVerification: true });
  const entry = (await c.get('zhangwei', '/api/catalogue/resources/GA-RK-001')).body;
  expect(entry.items).toHaveLength(6);
  const versions = (await c.get('zhangwei', '/api/catalogue/resources/GA-RK-001/versions')).body.versions;
  expect(versions[0]).toMatchObject({ reason: '户籍变动日期不再共享', narrowings: ['items_removed'] });
  const notices = await h.t
    .db('notifications')
    .where({ kind: 'catalogue', recipient_department: 'civil-affairs' });
  expect(notices.map((n: { title_zh: string }) => n.title_zh)).toEqual([
    expect.stringContaining('人口基础信息(GA-RK-001)第'),
  ]);

  const listed = (await c.get('wangfang', '/api/catalogue/drafts?open=false')).body.items;
  expect(listed.map((d: { id: string }) => d.id)).toContain(first.body.id);
  expect((await c.get('wangfang', '/api/catalogue/drafts?open=true')).body.items).toEqual([]);
});

it('refuses every bad draft with a 4xx naming the field, and stores nothing', async () => {
  const before = await draftCount();
  const post = (username: string, body: object) =>
    c.post(username, '/api/catalogue/drafts', body, randomUUID());

  const otherDepartment = await post('sunhui', { entries: [catalogueEntry()], changeReason: '越权' });
  expect(otherDepartment.status).toBe(403);
  const badRow = await post('wangfang', {
    entries: [
      catalogueEntry({ code: 'GA-CL-201' }),
      catalogueEntry({ code: 'GA-CL-202', shareType: 'sometimes' }),
    ],
    changeReason: '新增',
  });
  expect([badRow.status, badRow.body.error.details.map((d: { path: string }) => d.path)]).toEqual([
    400,
    ['entries[1].shareType'],
  ]);
  const twice = await post('wangfang', {
    entries: [catalogueEntry({ code: 'GA-CL-203' }), catalogueEntry({ code: 'GA-CL-203' })],
    changeReason: '新增',
  });
  expect([twice.status, twice.body.error.details[0]]).toEqual([
    422,
    expect.objectContaining({ path: 'entries[1].code', code: 'duplicate_entry' }),
  ]);
  const unknownRecipient = await post('wangfang', {
    entries: [catalogueEntry({ code: 'GA-CL-204', statutoryRecipients: ['no-such-department'] })],
    changeReason: '新增',
  });
  expect([unknownRecipient.status, unknownRecipient.body.error.details[0].path]).toEqual([
    422,
    'entries[0].statutoryRecipients[0]',
  ]);
  const classified = await post('wangfang', {
    entries: [catalogueEntry({ code: 'GA-CL-205', classification: 'secret' })],
    changeReason: '新增',
  });
  expect([classified.status, classified.body.error.code]).toEqual([422, 'classified_resource']);
  const unchanged = await post('wangfang', { entries: [asPublished], changeReason: '无变化' });
  expect([unchanged.status, unchanged.body.error.code]).toEqual([422, 'nothing_to_review']);
  const noReason = await post('wangfang', {
    entries: [catalogueEntry({ code: 'GA-CL-206' })],
    changeReason: '  ',
  });
  expect([noReason.status, noReason.body.error.details[0].path]).toEqual([400, 'changeReason']);
  const none = await post('wangfang', { entries: [], changeReason: '新增' });
  expect([none.status, none.body.error.details[0].path]).toEqual([400, 'entries']);
  const requester = await post('zhangwei', { entries: [catalogueEntry()], changeReason: '新增' });
  expect(requester.status).toBe(403);
  expect(await draftCount()).toBe(before);
  expect(
    await h.t.db('audit_log').where({ action: 'resource.refused_classified', entity_id: 'GA-CL-205' }),
  ).toHaveLength(1);

  const held = await post('wangfang', {
    entries: [catalogueEntry({ code: 'GA-CL-207' })],
    changeReason: '新增',
  });
  expect(held.status).toBe(201);
  const inDraft = await post('wangfang', {
    entries: [catalogueEntry({ code: 'GA-CL-207', name: '另一份' })],
    changeReason: '新增',
  });
  expect([inDraft.status, inDraft.body.error.code, inDraft.body.error.details[0].params]).toEqual([
    409,
    'entry_in_draft',
    { code: 'GA-CL-207', draft: held.body.id },
  ]);
  const notReturned = await h
    .http()
    .put(`/api/catalogue/drafts/${held.body.id}`)
    .set(await h.as('wangfang'))
    .send({ entries: [catalogueEntry({ code: 'GA-CL-207', name: '改名' })], changeReason: '修改' });
  expect([notReturned.status, notReturned.body.error.code]).toEqual([409, 'draft_not_returned']);
  expect((await c.get('wangfang', `/api/catalogue/drafts/${held.body.id}`)).body.entries[0].entry.name).toBe(
    '机动车登记信息',
  );
  const unknown = await c.get('wangfang', '/api/catalogue/drafts/CE-20261204-ZZZZZZ');
  expect([unknown.status, unknown.body.error.code]).toEqual([404, 'draft_not_found']);
  expect(await draftCount()).toBe(before + 1);
  expect((await c.get('zhangwei', '/api/catalogue/resources/GA-CL-207')).status).toBe(404);
});
