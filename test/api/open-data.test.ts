/**
 * Open data (art. 26), against MariaDB: the public catalogue needs no sign-in,
 * speaks DCAT in JSON-LD and lists only entries marked open and classified
 * public; the LG office sees the entries in the article's domains not yet open.
 */
import { randomUUID } from 'node:crypto';
import { useApiHarness } from '../support/api-harness';
import { catalogueEntry, httpCases } from '../support/http-cases';

const h = useApiHarness();

type Dataset = Record<string, unknown> & { 'dct:identifier': string };

async function publicCatalogue() {
  const res = await h.http().get('/api/open-data/datasets');
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/ld\+json/);
  return res.body as { '@context': Record<string, string>; '@type': string; 'dcat:dataset': Dataset[] };
}

it('lists the open entries without sign-in, as DCAT a national portal can harvest', async () => {
  const catalogue = await publicCatalogue();
  expect(catalogue['@type']).toBe('dcat:Catalog');
  expect(catalogue['@context']).toMatchObject({
    dcat: 'http://www.w3.org/ns/dcat#',
    dct: 'http://purl.org/dc/terms/',
  });
  expect(catalogue['dcat:dataset'].map((d) => d['dct:identifier']).sort()).toEqual([
    'SC-FR-001',
    'WJ-YL-001',
  ]);
  const clinics = catalogue['dcat:dataset'].find((d) => d['dct:identifier'] === 'WJ-YL-001')!;
  expect(clinics).toMatchObject({
    '@type': 'dcat:Dataset',
    '@id': expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/open-data\/WJ-YL-001$/),
    'dct:title': { '@value': '医疗机构执业信息', '@language': 'zh' },
    'dct:publisher': {
      '@type': 'foaf:Organization',
      'dct:identifier': 'health',
      'foaf:name': [
        { '@value': '市卫生健康委员会', '@language': 'zh' },
        expect.objectContaining({ '@language': 'en' }),
      ],
    },
    'dct:accrualPeriodicity': { '@id': 'http://purl.org/cld/freq/monthly' },
    'dcat:theme': [
      expect.stringMatching(/\/open-data\/domains\/medical$/),
      expect.stringMatching(/\/open-data\/domains\/health$/),
    ],
    'dct:modified': { '@type': 'xsd:dateTime', '@value': expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) },
  });
  expect(clinics['dcat:keyword']).toContainEqual({ '@value': expect.any(String), '@language': 'zh' });
});

it('keeps everything not marked open off the public catalogue, and refuses an open entry that is not public', async () => {
  const c = httpCases(h);
  const draft = (over: Record<string, unknown>) =>
    c.post(
      'wangfang',
      '/api/catalogue/drafts',
      { entries: [catalogueEntry(over)], changeReason: '新增资源' },
      randomUUID(),
    );
  // Marked open but classified internal: refused, naming the classification; nothing stored.
  const contradictory = await draft({ code: 'GA-KD-001', openToPublic: true, classification: 'internal' });
  expect(contradictory.status).toBe(400);
  expect(contradictory.body.error.details.map((d: { path: string }) => d.path)).toEqual([
    'entries[0].classification',
  ]);
  expect(await h.t.db('catalogue_draft_codes').where({ resource_code: 'GA-KD-001' })).toEqual([]);

  const unknownDomain = await draft({ code: 'GA-KD-001', domains: ['weather'] });
  expect(unknownDomain.status).toBe(400);
  expect(unknownDomain.body.error.details.map((d: { path: string }) => d.path)).toEqual([
    'entries[0].domains[0]',
  ]);

  // Not open: registered once reviewed, but not on the public catalogue.
  await c.publishEntries(
    'wangfang',
    'lina',
    [catalogueEntry({ code: 'GA-KD-001', domains: ['transport'] })],
    '新增资源',
  );
  // Open and public, with its national code and format: a national portal can match and read it.
  await c.publishEntries(
    'wangfang',
    'lina',
    [
      catalogueEntry({
        code: 'GA-KD-002',
        name: '公安窗口办事指南',
        openToPublic: true,
        classification: 'public',
        nationalCode: '301005/000003',
        format: 'electronic_file',
      }),
    ],
    '开放办事指南',
  );
  const guide = (await publicCatalogue())['dcat:dataset'].find((d) => d['dct:identifier'] === 'GA-KD-002');
  expect(guide).toMatchObject({
    'adms:identifier': { '@type': 'adms:Identifier', 'skos:notation': '301005/000003' },
    'dcat:distribution': { '@type': 'dcat:Distribution', 'dct:format': 'electronic_file' },
    'dct:issued': { '@type': 'xsd:dateTime' },
  });
  const listed = (await publicCatalogue())['dcat:dataset'].map((d) => d['dct:identifier']);
  expect(listed).not.toContain('GA-KD-001');
  expect(listed).not.toContain('GA-RK-001');
});

it("shows the LG office each of art. 26's domains and the entries in them not yet open; a requester is refused", async () => {
  const res = await h
    .http()
    .get('/api/open-data/gaps')
    .set(await h.as('zhoujie'));
  expect(res.status).toBe(200);
  expect(res.body.domains.map((d: { domain: string }) => d.domain)).toEqual([
    'credit',
    'transport',
    'medical',
    'health',
    'employment',
    'social_security',
    'geography',
    'culture',
    'education',
  ]);
  expect(res.body.domains.find((d: { domain: string }) => d.domain === 'health')).toEqual({
    domain: 'health',
    open: 1,
    notOpen: 1,
  });
  expect(res.body.notOpen.map((r: { code: string }) => r.code)).toEqual(
    expect.arrayContaining(['RS-SB-001', 'RS-JY-001', 'ZR-BDC-001', 'WJ-SW-001']),
  );
  expect(res.body.notOpen.map((r: { code: string }) => r.code)).not.toContain('WJ-YL-001');
  expect(await h.t.db('audit_log').where({ action: 'open_data.gaps_read', actor: 'zhoujie' })).toHaveLength(
    1,
  );

  const requester = await h
    .http()
    .get('/api/open-data/gaps')
    .set(await h.as('zhangwei'));
  expect(requester.status).toBe(403);
});
