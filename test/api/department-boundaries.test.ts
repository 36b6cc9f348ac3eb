/**
 * Every endpoint × own or other department × own or other county, driven from
 * the OpenAPI document: each operation says whether a department boundary
 * applies and, if so, on which real case, grant or entry, who is inside it
 * and who is outside. Outsiders (the right role, the wrong department or
 * county) get 403 on reads and writes, and never see the record in a list;
 * insiders are let through on reads. A new endpoint fails here until it says
 * where its boundary is, and a route registered without the route declaration
 * (so missing from the document) fails too.
 */
import { randomUUID } from 'node:crypto';
import { useApiHarness } from '../support/api-harness';
import {
  catalogueEntry,
  httpCases,
  insuranceRequest,
  localDay,
  populationRequest,
} from '../support/http-cases';

const h = useApiHarness();
const c = httpCases(h);

/** The records the boundaries are tried on, made through the API as users would. */
interface Fixtures {
  /** 张伟 (civil affairs) asks HR & social security for insurance data; it waits for review. */
  request: string;
  reviewTask: string;
  /** 张伟's granted request for public security's population data, and its grant. */
  granted: string;
  grant: string;
  correction: string;
  /** A denied request of 张伟's to HR & social security, disputed by 张伟. */
  dispute: string;
  /** 何刚 of Renhe district's granted request, and its grant. */
  countyRequest: string;
  countyGrant: string;
  /** A security incident public security reported. */
  incident: string;
  /** A catalogue draft of public security's, waiting for review. */
  draft: string;
}
const f = {} as Fixtures;

type Check =
  | { kind: 'none'; why: string }
  | {
      kind: 'record';
      /** The concrete path, with the record's id. */
      path: (f: Fixtures) => string;
      insiders: string[];
      outsiders: string[];
      /** For a write: a body the outsider's call would be accepted with, were it not for the boundary. */
      body?: (f: Fixtures) => object;
      /** For an upload: the file the outsider's call sends, as multipart/form-data. */
      upload?: { field: string; bytes: Buffer; name: string };
    }
  | { kind: 'list'; path: string; item: (f: Fixtures) => string; insiders: string[]; outsiders: string[] };

const CITY = (why: string): Check => ({ kind: 'none', why });

/** method path (OpenAPI form) → its department boundary. */
const BOUNDARIES: Record<string, Check> = {
  'get /healthz': CITY('operations'),
  'get /metrics': CITY('operations'),
  'get /api/openapi.json': CITY('the API description'),
  'post /api/auth/dev-login': CITY('sign-in'),
  'get /api/auth/dev-users': CITY('sign-in'),
  'get /api/auth/config': CITY('sign-in'),
  'get /api/me': CITY('the caller themself'),
  'get /api/departments': CITY('the directory is city-wide'),
  'get /api/calendar/deadline': CITY('the calendar is city-wide'),
  'get /api/calendar/{year}': CITY('the calendar is city-wide'),
  'put /api/calendar/{year}': CITY('administrator only'),
  'post /api/directory/departments': CITY(
    "a county administrator adds only their county's departments (directory-administration-api.test.ts)",
  ),
  'patch /api/directory/departments/{code}': CITY(
    "a county administrator changes only their county's departments (directory-administration-api.test.ts)",
  ),
  'get /api/directory/users': CITY(
    "a county administrator lists only their county's users (directory-administration-api.test.ts)",
  ),
  'post /api/directory/users': CITY(
    "a county administrator adds users only to their county's departments (directory-administration-api.test.ts)",
  ),
  'patch /api/directory/users/{username}': CITY(
    "a county administrator changes only their county's users (directory-administration-api.test.ts)",
  ),
  'get /api/directory/export.xlsx': CITY(
    'a county administrator exports only their county (directory-spreadsheet-api.test.ts)',
  ),
  'post /api/directory/import': CITY(
    'a county administrator imports only rows of their county (directory-spreadsheet-api.test.ts)',
  ),
  'get /api/catalogue/resources': CITY('every department may search the catalogue (art. 10)'),
  'get /api/catalogue/resources/{code}': CITY('every department may read the catalogue (art. 10)'),
  'get /api/catalogue/resources/{code}/versions': CITY("an entry's history is as open as the entry"),
  'get /api/open-data/datasets': CITY('open to the public (art. 26)'),
  'get /api/open-data/gaps': CITY("the LG office's city-wide view"),
  'get /api/catalogue/export.xlsx': CITY('every department may read the catalogue (art. 10)'),
  'post /api/catalogue/import': CITY(
    "a steward imports only their own department's entries (catalogue-workbook.test.ts: not_your_department)",
  ),
  'get /api/catalogue/completeness': CITY(
    "supervisors' city-wide view; a county administrator's is their county's own (catalogue-completeness.test.ts)",
  ),
  'post /api/catalogue/resources/{code}/data-updates': {
    kind: 'record',
    path: () => '/api/catalogue/resources/GA-RK-001/data-updates',
    insiders: [],
    outsiders: ['sunhui', 'zhaoqiang'],
    body: () => ({}),
  },
  'post /api/catalogue/drafts': {
    kind: 'record',
    path: () => '/api/catalogue/drafts',
    insiders: ['wangfang'],
    outsiders: ['sunhui', 'zhaoqiang'],
    body: () => ({ entries: [catalogueEntry({ code: 'GA-BT-002' })], changeReason: '越权提交' }),
  },
  'get /api/catalogue/drafts': {
    kind: 'list',
    path: '/api/catalogue/drafts',
    item: (x) => x.draft,
    insiders: ['wangfang', 'lina', 'zhoujie'],
    outsiders: ['sunhui', 'zhaoqiang', 'hegang'],
  },
  'get /api/catalogue/drafts/{id}': {
    kind: 'record',
    path: (x) => `/api/catalogue/drafts/${x.draft}`,
    insiders: ['wangfang', 'lina', 'zhoujie', 'xuhong'],
    outsiders: ['sunhui', 'zhaoqiang', 'hegang'],
  },
  'put /api/catalogue/drafts/{id}': {
    kind: 'record',
    path: (x) => `/api/catalogue/drafts/${x.draft}`,
    insiders: [],
    outsiders: ['sunhui', 'zhaoqiang'],
    body: () => ({ entries: [catalogueEntry({ code: 'GA-DR-001' })], changeReason: '越权修改' }),
  },
  'post /api/requests': CITY('a department files its own requests'),
  'get /api/requests': {
    kind: 'list',
    path: '/api/requests?pageSize=100',
    item: (x) => x.request,
    insiders: ['zhangwei', 'zhaoqiang', 'chenjing'],
    outsiders: ['sunhui', 'lina', 'hegang'],
  },
  'get /api/requests/{id}': {
    kind: 'record',
    path: (x) => `/api/requests/${x.request}`,
    insiders: ['zhangwei', 'zhaoqiang', 'chenjing', 'xuhong'],
    outsiders: ['sunhui', 'lina', 'hegang'],
  },
  'post /api/requests/{id}/withdraw': {
    kind: 'record',
    path: (x) => `/api/requests/${x.request}/withdraw`,
    insiders: ['zhangwei'],
    outsiders: ['hegang', 'liuyan'],
    body: () => ({ reason: '不再需要' }),
  },
  'get /api/tasks': {
    kind: 'list',
    path: '/api/tasks?pageSize=100',
    item: (x) => x.reviewTask,
    insiders: ['zhaoqiang', 'majun'],
    outsiders: ['sunhui', 'lina'],
  },
  'get /api/tasks/{id}': {
    kind: 'record',
    path: (x) => `/api/tasks/${x.reviewTask}`,
    insiders: ['zhaoqiang', 'majun'],
    outsiders: ['sunhui', 'lina'],
  },
  'post /api/tasks/{id}/claim': {
    kind: 'record',
    path: (x) => `/api/tasks/${x.reviewTask}/claim`,
    insiders: [],
    outsiders: ['sunhui', 'lina'],
    body: () => ({}),
  },
  'post /api/tasks/{id}/unclaim': {
    kind: 'record',
    path: (x) => `/api/tasks/${x.reviewTask}/unclaim`,
    insiders: [],
    outsiders: ['sunhui', 'lina'],
    body: () => ({}),
  },
  'post /api/tasks/{id}/complete': {
    kind: 'record',
    path: (x) => `/api/tasks/${x.reviewTask}/complete`,
    insiders: [],
    outsiders: ['sunhui', 'lina'],
    body: () => ({ decision: 'approve' }),
  },
  'post /api/tasks/complete-many': {
    kind: 'record',
    path: () => '/api/tasks/complete-many',
    insiders: [],
    outsiders: ['sunhui', 'lina'],
    body: (x) => ({ taskIds: [x.reviewTask], decision: 'approve' }),
  },
  'get /api/notices': CITY(
    "the caller's own: notices to their roles in their department (notices-api.test.ts)",
  ),
  'post /api/notices/read': CITY('marks only notices addressed to the caller (notices-api.test.ts)'),
  'get /api/delegations': CITY("the caller's own delegations, given and received"),
  'get /api/delegations/colleagues': CITY("the caller's own department only"),
  'post /api/delegations': CITY("only to a colleague of the caller's department (delegations-api.test.ts)"),
  'post /api/delegations/{id}/revoke': CITY('by the delegator only (delegations-api.test.ts)'),
  'post /api/comments': {
    kind: 'record',
    path: () => '/api/comments',
    insiders: [],
    outsiders: ['sunhui', 'lina', 'hegang'],
    body: (x) => ({ caseType: 'sharing_request', caseId: x.request, text: '你好' }),
  },
  'get /api/cases/{caseType}/{caseId}/approval-form': {
    kind: 'record',
    path: (x) => `/api/cases/sharing_request/${x.request}/approval-form`,
    insiders: ['zhangwei', 'zhaoqiang', 'zhengli'],
    outsiders: ['lina', 'sunhui', 'hegang'],
  },
  'post /api/cases/{caseType}/{caseId}/attachments': {
    kind: 'record',
    path: (x) => `/api/cases/sharing_request/${x.request}/attachments`,
    insiders: [],
    outsiders: ['lina', 'sunhui', 'hegang'],
    upload: { field: 'file', bytes: Buffer.from('%PDF-1.7\n'), name: '函.pdf' },
  },
  'get /api/cases/{caseType}/{caseId}/attachments': {
    kind: 'record',
    path: (x) => `/api/cases/sharing_request/${x.request}/attachments`,
    insiders: ['zhangwei', 'zhaoqiang', 'zhengli'],
    outsiders: ['lina', 'sunhui', 'hegang'],
  },
  'get /api/cases/{caseType}/{caseId}/attachments/{id}': {
    kind: 'record',
    // No attachment need exist: the case's boundary is checked first, so an outsider learns nothing.
    path: (x) => `/api/cases/sharing_request/${x.request}/attachments/AT-none`,
    insiders: [],
    outsiders: ['lina', 'sunhui', 'hegang'],
  },
  'get /api/grants': {
    kind: 'list',
    path: '/api/grants?pageSize=100',
    item: (x) => x.grant,
    insiders: ['zhangwei', 'lina', 'wangfang'],
    outsiders: ['sunhui', 'zhaoqiang', 'hegang'],
  },
  'get /api/grants/{id}': {
    kind: 'record',
    path: (x) => `/api/grants/${x.grant}`,
    insiders: ['zhangwei', 'lina', 'chenjing'],
    outsiders: ['sunhui', 'zhaoqiang', 'tanglei'],
  },
  'post /api/grants/{id}/revoke': {
    kind: 'record',
    path: (x) => `/api/grants/${x.grant}/revoke`,
    insiders: [],
    outsiders: ['sunhui', 'zhaoqiang'],
    body: () => ({ reason: '越权撤销' }),
  },
  'post /api/grants/{id}/exchanges': {
    kind: 'record',
    path: (x) => `/api/grants/${x.grant}/exchanges`,
    insiders: [],
    // 李娜 is the provider: party to the grant, but only the consumer uses it.
    outsiders: ['lina', 'sunhui', 'hegang'],
    body: () => ({ items: ['姓名'], recordCount: 1 }),
  },
  'get /api/grants/{id}/exchanges': {
    kind: 'record',
    path: (x) => `/api/grants/${x.grant}/exchanges`,
    insiders: ['zhangwei', 'lina'],
    outsiders: ['sunhui', 'zhaoqiang', 'hegang'],
  },
  'post /api/corrections': {
    kind: 'record',
    path: () => '/api/corrections',
    insiders: [],
    // 刘燕's bureau holds no grant of this resource: it does not use the data, so it reports no error in it.
    outsiders: ['liuyan'],
    body: () => ({
      resourceCode: 'GA-RK-001',
      discoveredAt: new Date().toISOString(),
      description: '户籍地址有误',
      items: ['户籍地址'],
    }),
  },
  'get /api/corrections': {
    kind: 'list',
    path: '/api/corrections?pageSize=100',
    item: (x) => x.correction,
    insiders: ['zhangwei', 'lina'],
    outsiders: ['sunhui', 'zhaoqiang', 'hegang'],
  },
  'get /api/corrections/{id}': {
    kind: 'record',
    path: (x) => `/api/corrections/${x.correction}`,
    insiders: ['zhangwei', 'lina'],
    outsiders: ['sunhui', 'zhaoqiang', 'hegang'],
  },
  'post /api/disputes': {
    kind: 'record',
    path: () => '/api/disputes',
    insiders: [],
    outsiders: ['sunhui', 'lina', 'hegang'],
    body: (x) => ({ subjectType: 'request', subjectId: x.dispute.replace(/^DS-/, ''), claim: '不服' }),
  },
  'get /api/disputes': {
    kind: 'list',
    path: '/api/disputes?pageSize=100',
    item: (x) => x.dispute,
    insiders: ['zhangwei', 'zhaoqiang', 'zhoujie'],
    outsiders: ['sunhui', 'lina', 'hegang'],
  },
  'get /api/disputes/{id}': {
    kind: 'record',
    path: (x) => `/api/disputes/${x.dispute}`,
    insiders: ['zhangwei', 'zhaoqiang', 'zhoujie'],
    outsiders: ['sunhui', 'lina', 'hegang'],
  },
  'post /api/reforms': CITY(
    'the leading group office registers reforms for the city; a data steward only for its own department (catalogue_update/resource-decisions.test.ts)',
  ),
  'post /api/reforms/{id}/obligations/{department}/decisions': CITY(
    "only the department's own data steward decides on its resources (catalogue_update/resource-decisions.test.ts)",
  ),
  'get /api/reforms': CITY('a reform concerns several departments; its obligations are public'),
  'get /api/reforms/{id}': CITY('a reform concerns several departments; its obligations are public'),
  'get /api/sanctions': CITY('public criticism (art. 37) is public'),
  'get /api/dashboard/sla': CITY('city-level roles only'),
  'get /api/dashboard/sla/cases': CITY('city-level roles only'),
  'get /api/dashboard/sla/breaches.{format}': CITY('city-level roles only'),
  'get /api/processes': CITY('the processes and their deadlines are public'),
  'get /api/processes/{process}/diagram': CITY('the processes are public'),
  'get /api/audit': CITY('auditors only, city-wide'),
  'get /api/audit/export.{format}': CITY('auditors only, city-wide'),
  'get /api/audit/verify': CITY('auditors and the administrator'),
  'post /api/audit/checkpoints': CITY('the administrator'),
  'post /api/security/incidents': CITY("a department reports its own incidents: the caller's"),
  'get /api/security/incidents/{id}': {
    kind: 'record',
    path: (x) => `/api/security/incidents/${x.incident}`,
    insiders: ['wangfang', 'lina', 'luoyi', 'xuhong'],
    outsiders: ['sunhui', 'zhaoqiang', 'hegang'],
  },
  'get /api/departments/{code}/security': {
    kind: 'record',
    path: () => '/api/departments/public-security/security',
    insiders: ['wangfang', 'lina', 'xuhong', 'zhoujie'],
    outsiders: ['sunhui', 'zhaoqiang', 'hegang'],
  },
  'post /api/security/agreements': {
    kind: 'record',
    path: () => '/api/security/agreements',
    insiders: [],
    outsiders: ['sunhui', 'zhaoqiang', 'hegang'],
    body: () => ({
      serviceUnit: '越权登记的公司',
      scope: '无',
      kinds: ['security'],
      signedOn: localDay(-10),
      expiresOn: localDay(300),
      department: 'public-security',
    }),
  },
  'post /api/departments/{code}/assessments': {
    kind: 'record',
    path: () => '/api/departments/public-security/assessments',
    insiders: [],
    outsiders: ['sunhui', 'zhaoqiang', 'hegang'],
    body: () => ({
      year: Number(localDay().slice(0, 4)),
      assessedOn: localDay(),
      node: '越权',
      assessor: '越权',
      riskLevel: 'low',
      findings: '越权登记',
    }),
  },
};

/** County boundaries: a county's case against a user of another county, and its own. */
const COUNTY: { path: (x: Fixtures) => string; insider: string; outsider: string }[] = [
  { path: (x) => `/api/requests/${x.countyRequest}`, insider: 'hegang', outsider: 'tanglei' },
  { path: (x) => `/api/grants/${x.countyGrant}`, insider: 'hegang', outsider: 'tanglei' },
  { path: (x) => `/api/grants/${x.countyGrant}/exchanges`, insider: 'hegang', outsider: 'tanglei' },
];

let documented: string[] = [];

beforeAll(async () => {
  const doc = (await h.http().get('/api/openapi.json')).body as { paths: Record<string, object> };
  documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`));

  const conditional = insuranceRequest();
  const waiting = await c.request('zhangwei', conditional);
  f.request = waiting.id;
  f.reviewTask = waiting.currentTask.id;

  const granted = await c.request('zhangwei', populationRequest({ items: ['姓名', '户籍地址'] }));
  f.granted = granted.id;
  f.grant = (
    (await c.until('zhangwei', `/api/requests/${granted.id}`, (b) => b.grant !== null)).grant as {
      id: string;
    }
  ).id;
  const correction = await c.post(
    'zhangwei',
    '/api/corrections',
    {
      resourceCode: 'GA-RK-001',
      grantId: f.grant,
      discoveredAt: new Date().toISOString(),
      description: '户籍地址仍为拆迁前地址',
      items: ['户籍地址'],
    },
    randomUUID(),
  );
  f.correction = correction.body.id;

  const toDeny = await c.request('zhangwei', { ...conditional, purpose: '核对就业情况' });
  await c.complete('zhaoqiang', toDeny.currentTask.id, { decision: 'deny', reason: '超出职责范围' });
  await c.until('zhangwei', `/api/requests/${toDeny.id}`, (b) => b.status === 'denied');
  const dispute = await c.post('zhangwei', '/api/disputes', {
    subjectType: 'request',
    subjectId: toDeny.id,
    claim: '申请用途符合法定职责',
  });
  f.dispute = dispute.body.id;

  const incident = await c.post(
    'wangfang',
    '/api/security/incidents',
    {
      title: '接口异常调用',
      severity: 'medium',
      occurredAt: new Date(Date.now() - 3600_000).toISOString(),
      description: '已临时封禁来源地址',
    },
    randomUUID(),
  );
  f.incident = incident.body.id;

  const draft = await c.post(
    'wangfang',
    '/api/catalogue/drafts',
    { entries: [catalogueEntry({ code: 'GA-DR-001', name: '户籍迁移草稿' })], changeReason: '新增资源' },
    randomUUID(),
  );
  expect(draft.status).toBe(201);
  f.draft = draft.body.id;

  const county = await c.request('hegang', populationRequest({ purpose: '核对辖区低保对象户籍' }));
  f.countyRequest = county.id;
  f.countyGrant = (
    (await c.until('hegang', `/api/requests/${county.id}`, (b) => b.grant !== null)).grant as {
      id: string;
    }
  ).id;
});

it('names the department boundary of every endpoint the API documents', () => {
  expect(documented.filter((k) => !(k in BOUNDARIES))).toEqual([]);
  expect(Object.keys(BOUNDARIES).filter((k) => !documented.includes(k))).toEqual([]);
});

it('has no route outside the route declaration (every route the app answers is documented)', () => {
  type Layer = { route?: { path: unknown; methods: Record<string, boolean> }; handle?: { stack?: Layer[] } };
  const walk = (stack: Layer[]): string[] =>
    stack.flatMap((l) =>
      l.route
        ? Object.keys(l.route.methods).map(
            (m) => `${m} ${String(l.route!.path).replace(/:([A-Za-z_]+)/g, '{$1}')}`,
          )
        : l.handle?.stack
          ? walk(l.handle.stack)
          : [],
    );
  const routes = walk((h.app as unknown as { router: { stack: Layer[] } }).router.stack);
  const webApp = routes.filter((r) => r.startsWith('get /^')); // the web app's pages, outside /api
  expect(webApp).toHaveLength(1);
  expect(routes.filter((r) => !webApp.includes(r) && !documented.includes(r))).toEqual([]);
});

it('refuses outsiders of the department with 403 and lets insiders read', async () => {
  const wrong: string[] = [];
  for (const [op, check] of Object.entries(BOUNDARIES)) {
    if (check.kind === 'none') continue;
    const [method] = op.split(' ');
    if (check.kind === 'list') {
      const id = check.item(f);
      for (const u of check.outsiders) {
        const res = await c.get(u, check.path);
        if (res.status !== 200 || JSON.stringify(res.body.items).includes(id))
          wrong.push(`${op} as ${u}: ${res.status}, lists ${id}`);
      }
      for (const u of check.insiders) {
        const res = await c.get(u, check.path);
        if (!JSON.stringify(res.body.items ?? []).includes(id))
          wrong.push(`${op} as ${u}: does not list ${id}`);
      }
      continue;
    }
    const path = check.path(f);
    for (const u of check.outsiders) {
      const write = () => (method === 'put' ? h.http().put(path) : h.http().post(path));
      const auth = await h.as(u);
      const sent = () => write().set(auth).set('Idempotency-Key', randomUUID());
      const res =
        method === 'get'
          ? await c.get(u, path)
          : check.upload
            ? await sent().attach(check.upload.field, check.upload.bytes, check.upload.name)
            : await sent().send(check.body?.(f) ?? {});
      if (res.status !== 403)
        wrong.push(`${op} as ${u}: ${res.status} ${JSON.stringify(res.body).slice(0, 120)}`);
    }
    for (const u of check.insiders) {
      if (method !== 'get') continue; // writes by insiders are each process's own tests
      const res = await c.get(u, path);
      if (res.status !== 200) wrong.push(`${op} as ${u}: ${res.status} (an insider)`);
    }
  }
  for (const k of COUNTY) {
    const path = k.path(f);
    const [inside, outside] = [await c.get(k.insider, path), await c.get(k.outsider, path)];
    if (inside.status !== 200) wrong.push(`${path} as ${k.insider} (own county): ${inside.status}`);
    if (outside.status !== 403) wrong.push(`${path} as ${k.outsider} (other county): ${outside.status}`);
  }
  expect(wrong).toEqual([]);
});

it('changed nothing on the outsiders’ attempts: the request still waits, the grant is active, no use was logged', async () => {
  const request = (await c.get('zhangwei', `/api/requests/${f.request}`)).body;
  expect(request.status).toBe('provider_review');
  expect(request.currentTask).toMatchObject({ id: f.reviewTask });
  const grant = (await c.get('zhangwei', `/api/grants/${f.grant}`)).body;
  expect(grant.status).toBe('active');
  expect((await c.get('zhangwei', `/api/grants/${f.grant}/exchanges`)).body.items).toEqual([]);
  const entry = (await c.get('wangfang', '/api/catalogue/resources/GA-RK-001')).body;
  expect(entry.name).toBe('人口基础信息');
  expect((await c.get('wangfang', '/api/catalogue/resources/GA-BT-002')).status).toBe(404);
  const draft = (await c.get('wangfang', `/api/catalogue/drafts/${f.draft}`)).body;
  expect(draft.entries.map((e: { entry: { code: string; name: string } }) => e.entry)).toEqual([
    expect.objectContaining({ code: 'GA-DR-001', name: '户籍迁移草稿' }),
  ]);
});
