/**
 * The catalogue through the API, against MariaDB: search, filters, one resource, and a data
 * steward's entries, which are drafts until a colleague reviews them (art. 9).
 */
import { randomUUID } from 'node:crypto';
import { useApiHarness } from '../support/api-harness';
import { catalogueEntry, httpCases } from '../support/http-cases';
import { DEMO_RESOURCES } from '../../seeds/demo-catalogue';

const h = useApiHarness();
const c = httpCases(h);

const entry = catalogueEntry;

/** A draft of `entries` by `as` (public security's steward unless named). */
async function draft(entries: object[], as = 'wangfang', changeReason = '新增资源') {
  return c.post(as, '/api/catalogue/drafts', { entries, changeReason }, randomUUID());
}

/** Public security's steward drafts `catalogueEntry(over)`. */
async function postAsSteward(over: Record<string, unknown>) {
  return draft([entry(over)]);
}

/** The paths of a refusal's problems. */
const paths = (res: { body: { error: { details: { path: string }[] } } }) =>
  res.body.error.details.map((d) => d.path);

describe('reading the catalogue', () => {
  it('lists the seeded resources, all three sharing types, paginated', async () => {
    const res = await h
      .http()
      .get('/api/catalogue/resources?pageSize=5')
      .set(await h.as('zhangwei'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 10, page: 1, pageSize: 5 });
    expect(res.body.items).toHaveLength(5);
    const all = await h
      .http()
      .get('/api/catalogue/resources?pageSize=100')
      .set(await h.as('zhangwei'));
    expect(new Set(all.body.items.map((r: { shareType: string }) => r.shareType))).toEqual(
      new Set(['unconditional', 'conditional', 'not_shared']),
    );
  });

  it('searches names, summaries and data items, and filters by type, provider and category', async () => {
    const auth = await h.as('zhangwei');
    const byItem = await h
      .http()
      .get(`/api/catalogue/resources?q=${encodeURI('抵押状态')}`)
      .set(auth);
    expect(byItem.body.items.map((r: { code: string }) => r.code)).toEqual(['ZR-BDC-001']);
    const byName = await h
      .http()
      .get(`/api/catalogue/resources?q=${encodeURI('参保')}`)
      .set(auth);
    expect(byName.body.items.map((r: { code: string }) => r.code)).toEqual(['RS-SB-001']);
    const wildcard = await h.http().get('/api/catalogue/resources?q=%25').set(auth);
    expect(wildcard.body.total).toBe(0);
    const notShared = await h.http().get('/api/catalogue/resources?shareType=not_shared').set(auth);
    expect(notShared.body.items.map((r: { code: string }) => r.code).sort()).toEqual([
      'GA-XZ-001',
      'WJ-SW-001',
    ]);
    const health = await h
      .http()
      .get('/api/catalogue/resources?provider=health&category=departmental')
      .set(auth);
    expect(health.body.total).toBe(2);
    const bad = await h.http().get('/api/catalogue/resources?shareType=secret&pageSize=500').set(auth);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'pageSize',
      'shareType',
    ]);
  });

  it("reads the city's 共享目录 as a department may ask from it, and a department's own 资源目录 (art. 7)", async () => {
    const codes = async (who: string, catalogue: string) =>
      (
        (await c.get(who, `/api/catalogue/resources?catalogue=${catalogue}&pageSize=100`)).body.items as {
          code: string;
        }[]
      ).map((r) => r.code);
    // Civil affairs may ask for what is shared, and for health's not-shared death records the law entitles it to.
    const shared = await codes('zhangwei', 'shared');
    expect(shared).toEqual(expect.arrayContaining(['GA-RK-001', 'RS-SB-001', 'WJ-SW-001']));
    expect(shared).not.toContain('GA-XZ-001');
    // Market regulation is no statutory recipient of the death records.
    expect(await codes('qianli', 'shared')).not.toContain('WJ-SW-001');
    // Public security's own catalogue holds its not-shared entry too.
    expect((await codes('wangfang', 'own')).sort()).toEqual(['GA-RK-001', 'GA-XZ-001']);
  });

  it('shows one resource with its conditions, legal basis and statutory recipients; 404 for an unknown code', async () => {
    const auth = await h.as('zhangwei');
    const res = await h.http().get('/api/catalogue/resources/WJ-SW-001').set(auth);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      shareType: 'not_shared',
      providerDepartment: { code: 'health' },
      legalBasis: expect.stringContaining('个人信息保护法'),
    });
    expect(res.body.statutoryRecipients.map((d: { code: string }) => d.code)).toEqual([
      'civil-affairs',
      'public-security',
    ]);
    expect((await h.http().get('/api/catalogue/resources/NOPE-1').set(auth)).status).toBe(404);
  });
});

describe("a data steward's entries", () => {
  it("registers a resource for the steward's own department, and changes it, each once reviewed", async () => {
    const created = await c.publishEntries('wangfang', 'lina', [entry()], '新增资源');
    expect(created.entries[0]).toMatchObject({ kind: 'new', publishedVersion: 1 });
    const registered = (await c.get('zhangwei', '/api/catalogue/resources/GA-CL-001')).body;
    expect(registered).toMatchObject({
      code: 'GA-CL-001',
      updatedBy: 'wangfang',
      providerDepartment: { name: '市公安局' },
    });
    await c.publishEntries(
      'wangfang',
      'lina',
      [entry({ shareType: 'unconditional', conditions: [] })],
      '放开共享条件',
    );
    const changed = (await c.get('zhangwei', '/api/catalogue/resources/GA-CL-001')).body;
    expect(changed).toMatchObject({ shareType: 'unconditional', conditions: [], version: 2 });
  });

  it("refuses another department's steward, a requester, and a catalogue entry that breaks the rules", async () => {
    const other = await draft([entry({ code: 'GA-CL-002' })], 'zhaoqiang');
    expect(other.status).toBe(403);
    const requester = await draft([entry({ code: 'GA-CL-003' })], 'zhangwei');
    expect(requester.status).toBe(403);
    const noBasis = await postAsSteward({ code: 'GA-CL-004', shareType: 'not_shared', conditions: [] });
    expect(noBasis.status).toBe(400);
    expect(noBasis.body.error.details).toContainEqual({
      path: 'entries[0].legalBasis',
      code: 'custom',
      message: 'a resource that is not shared must cite its legal basis (art. 7)',
    });
    const unknownRecipient = await postAsSteward({
      code: 'GA-CL-005',
      statutoryRecipients: ['ministry-of-magic'],
    });
    expect(unknownRecipient.status).toBe(422);
    expect(unknownRecipient.body.error.details).toEqual([
      {
        path: 'entries[0].statutoryRecipients[0]',
        code: 'unknown_department',
        params: { code: 'ministry-of-magic' },
        message: 'no department ministry-of-magic',
      },
    ]);
    const stored = await h.t
      .db('catalogue_draft_codes')
      .whereIn('resource_code', ['GA-CL-002', 'GA-CL-003', 'GA-CL-004', 'GA-CL-005']);
    expect(stored).toEqual([]);
  });

  it('keeps classified information off the platform: an entry classified 秘密 or above is refused and the attempt audited (art. 2)', async () => {
    for (const classification of ['secret', 'confidential', 'top_secret']) {
      const res = await postAsSteward({ code: 'GA-MM-001', classification });
      expect([res.status, res.body.error.code]).toEqual([422, 'classified_resource']);
      expect(res.body.error.details).toEqual([
        {
          path: 'entries[0].classification',
          code: 'classified',
          message: expect.stringContaining('(art. 2)'),
        },
      ]);
    }
    // An entry already on the platform cannot be reclassified upwards and kept there either.
    const kept = await draft(
      [{ ...DEMO_RESOURCES.find((r) => r.code === 'GA-RK-001'), classification: 'secret' }],
      'wangfang',
      '定密',
    );
    expect(kept.status).toBe(422);
    expect(await h.t.db('catalogue_draft_codes').where({ resource_code: 'GA-MM-001' })).toEqual([]);
    expect(await h.t.db('resources').where({ code: 'GA-RK-001' }).first('classification')).toEqual({
      classification: 'internal',
    });
    const attempts = await h.t
      .db('audit_log')
      .where({ action: 'resource.refused_classified' })
      .orderBy('seq');
    expect(attempts.map((a) => [a.actor, a.entity_id])).toEqual([
      ['wangfang', 'GA-MM-001'],
      ['wangfang', 'GA-MM-001'],
      ['wangfang', 'GA-MM-001'],
      ['wangfang', 'GA-RK-001'],
    ]);
  });

  it('shows each entry with its classification, and no seeded entry rests on the state secrets law', async () => {
    const steward = await h.as('wangfang');
    const all = await h.http().get('/api/catalogue/resources?pageSize=100').set(steward);
    expect(all.body.items.length).toBeGreaterThan(0);
    for (const r of all.body.items) {
      expect(['public', 'internal']).toContain(r.classification);
      expect(r.legalBasis ?? '').not.toContain('保守国家秘密法');
      if (r.openToPublic) expect(r.classification).toBe('public');
    }
  });
});

describe('lead and contributing departments (art. 18)', () => {
  it('a basic resource names the departments that build it with its lead; each finds the resources it contributes to', async () => {
    const seeded = await h
      .http()
      .get('/api/catalogue/resources/GA-RK-001')
      .set(await h.as('zhangwei'));
    expect(seeded.body.contributingDepartments.map((d: { name: string }) => d.name)).toEqual([
      '市民政局',
      '市卫生健康委员会',
    ]);
    const mine = await h
      .http()
      .get('/api/catalogue/resources?contributor=civil-affairs')
      .set(await h.as('zhangwei'));
    expect(mine.body.items.map((r: { code: string }) => r.code)).toEqual(['GA-RK-001']);
  });

  it("refuses contributors on a department's own resource, the provider as its own contributor and an unknown department, storing nothing", async () => {
    const post = (over: Record<string, unknown>) => postAsSteward({ code: 'GA-CT-001', ...over });
    const departmental = await post({ category: 'departmental', contributingDepartments: ['health'] });
    expect([departmental.status, paths(departmental)]).toEqual([400, ['entries[0].contributingDepartments']]);
    const itself = await post({ category: 'basic', contributingDepartments: ['public-security'] });
    expect([itself.status, paths(itself)]).toEqual([400, ['entries[0].contributingDepartments']]);
    const unknown = await post({ category: 'basic', contributingDepartments: ['no-such-bureau'] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.details).toEqual([
      expect.objectContaining({ path: 'entries[0].contributingDepartments[0]', code: 'unknown_department' }),
    ]);
    expect(await h.t.db('catalogue_draft_codes').where({ resource_code: 'GA-CT-001' })).toEqual([]);
  });
});

describe('the national catalogue guide’s core metadata (GB/T 21063)', () => {
  it('keeps the national resource code, format, item data types and related resources, and shows when it was published', async () => {
    await c.publishEntries(
      'wangfang',
      'lina',
      [
        entry({
          code: 'GA-NC-001',
          nationalCode: '301003/000007',
          format: 'interface',
          items: [
            { name: '号牌号码', kind: 'business', dataType: 'C' },
            { name: '登记日期', kind: 'business', dataType: 'D' },
          ],
          relatedResources: ['GA-RK-001'],
        }),
      ],
      '新增资源',
    );
    const created = await c.get('zhangwei', '/api/catalogue/resources/GA-NC-001');
    expect(created.body).toMatchObject({
      nationalCode: '301003/000007',
      format: 'interface',
      items: [
        { name: '号牌号码', kind: 'business', dataType: 'C' },
        { name: '登记日期', kind: 'business', dataType: 'D' },
      ],
      relatedResources: ['GA-RK-001'],
      publishedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    const seeded = await h
      .http()
      .get('/api/catalogue/resources/GA-RK-001')
      .set(await h.as('wangfang'));
    expect(seeded.body).toMatchObject({ nationalCode: '101001/000001', format: 'database' });
  });

  it('refuses a code of the wrong class, a national code already taken and an unknown related resource, storing nothing', async () => {
    const post = (over: Record<string, unknown>) => postAsSteward({ code: 'GA-NC-002', ...over });
    // A departmental resource's classification code starts with 3.
    const wrongClass = await post({ nationalCode: '101003/000008' });
    expect([wrongClass.status, paths(wrongClass)]).toEqual([400, ['entries[0].nationalCode']]);
    const malformed = await post({ nationalCode: '3-01-003' });
    expect([malformed.status, paths(malformed)]).toEqual([400, ['entries[0].nationalCode']]);
    const taken = await post({ nationalCode: '301003/000007' });
    expect([taken.status, taken.body.error.details[0]]).toEqual([
      422,
      expect.objectContaining({
        path: 'entries[0].nationalCode',
        code: 'national_code_taken',
        params: { code: 'GA-NC-001' },
      }),
    ]);
    const unknown = await post({ relatedResources: ['GA-NO-404'] });
    expect([unknown.status, unknown.body.error.details[0]]).toEqual([
      422,
      expect.objectContaining({ path: 'entries[0].relatedResources[0]', code: 'unknown_resource' }),
    ]);
    const badType = await post({ items: [{ name: '号牌号码', kind: 'business', dataType: 'X' }] });
    expect([badType.status, paths(badType)]).toEqual([400, ['entries[0].items[0].dataType']]);
    expect(await h.t.db('catalogue_draft_codes').where({ resource_code: 'GA-NC-002' })).toEqual([]);
  });
});
