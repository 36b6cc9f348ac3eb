/**
 * Bad input that looks like good input: for each endpoint that changes
 * something, a body that would be accepted, against real open cases and
 * grants, with exactly one field broken at a time (wrong type, empty,
 * invisible, too long, an impossible date, a code that does not exist, an
 * item outside the catalogue or the grant, a period the wrong way round, a
 * field missing or one too many). Each is refused with a 4xx that names the
 * field, and after each refusal nothing has changed: no case, task, grant,
 * timeline event, SLA event, notification, exchange or audit entry (other
 * than the logged refusal itself), and no event in the history of any
 * workflow involved (no signal or Update was accepted, no command taken)
 * other than an empty workflow task. Query strings are
 * fuzzed too: any value of any parameter is answered with a 200 or a 4xx
 * naming a parameter, never a 5xx.
 */
import fc from 'fast-check';
import { temporal } from '@temporalio/proto';
import { DEMO_RESOURCES } from '../../seeds/demo-catalogue';
import { sharingWorkflowId } from '../../workflows/sharing_request/contract';
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

/** The seeded population entry (GA-RK-001) with a new name: a change its steward may draft. */
const populationRenamed = () => ({
  ...DEMO_RESOURCES.find((r) => r.code === 'GA-RK-001')!,
  name: '人口基础信息(新)',
});

const ZW = '\u200b\u2060'; // zero-width space and word joiner: nothing visible
const LONG = '长'.repeat(5000);
const LONE_SURROGATE = 'abc\ud800';
const MISSING = Symbol('missing');

type Breaker = [label: string, value: unknown];
interface Endpoint {
  method: 'post' | 'put';
  path: () => string;
  user: string;
  /** A body the endpoint would accept (never sent as it is). */
  valid: () => Record<string, unknown>;
  /** For each field, the ways to break it. */
  breakers: Record<string, Breaker[]>;
  idempotent?: boolean;
}

const text = (required: boolean): Breaker[] => [
  ['a number', 42],
  ['too long', LONG],
  ['a lone surrogate', LONE_SURROGATE],
  ...(required
    ? ([
        ['empty', ''],
        ['invisible', ZW],
        ['missing', MISSING],
      ] as Breaker[])
    : []),
];

const fixtures = {
  request: '',
  reviewTask: '',
  grant: '',
  denied: '',
  workflows: [] as string[],
};

const ENDPOINTS: Record<string, Endpoint> = {
  'submit a request': {
    method: 'post',
    path: () => '/api/requests',
    user: 'zhangwei',
    idempotent: true,
    valid: () => insuranceRequest(),
    breakers: {
      resourceCode: [['unknown', 'NOPE-001'], ...text(true)],
      items: [
        ['empty', []],
        ['not in the catalogue', ['不存在的数据项']],
        ['not a list', '参保状态'],
        ['a number inside', [1]],
        ['too many', Array.from({ length: 201 }, (_, i) => `项${i}`)],
        ['invisible inside', [ZW]],
      ],
      purpose: text(true),
      usageFrom: [
        ['impossible', '2026-02-30'],
        ['not a date', 'tomorrow'],
        ['after usageTo', localDay(200)],
      ],
      usageTo: [
        ['impossible', '2026-11-31'],
        ['before usageFrom', localDay(-1)],
        ['missing', MISSING],
      ],
      answers: [
        ['not an object', '专人专机'],
        ['an answer missing', { scope: '300人', duty: '低保审核' }],
        ['an invisible answer', { scope: '300人', duty: '低保审核', security: ZW }],
      ],
      unexpected: [['an extra field', 'x']],
    },
  },
  'decide the review task': {
    method: 'post',
    path: () => `/api/tasks/${fixtures.reviewTask}/complete`,
    user: 'zhaoqiang',
    valid: () => ({ decision: 'deny', reason: '超出职责范围' }),
    breakers: {
      decision: [
        ['not a decision of the step', 'maybe'],
        ['a number', 1],
        ['missing', MISSING],
      ],
      reason: text(true),
      unexpected: [['an extra field', 'x']],
    },
  },
  'withdraw the request': {
    method: 'post',
    path: () => `/api/requests/${fixtures.request}/withdraw`,
    user: 'zhangwei',
    valid: () => ({ reason: '需求已变化' }),
    breakers: { reason: text(false), unexpected: [['an extra field', 'x']] },
  },
  'revoke the grant': {
    method: 'post',
    path: () => `/api/grants/${fixtures.grant}/revoke`,
    user: 'lina',
    valid: () => ({ reason: '发现超范围使用' }),
    breakers: { reason: text(true), unexpected: [['an extra field', 'x']] },
  },
  'record a use of the grant': {
    method: 'post',
    path: () => `/api/grants/${fixtures.grant}/exchanges`,
    user: 'zhangwei',
    valid: () => ({ items: ['姓名'], recordCount: 1 }),
    breakers: {
      items: [
        ['outside the grant', ['户籍变动日期']],
        ['empty', []],
        ['invisible inside', [ZW]],
      ],
      recordCount: [
        ['negative', -1],
        ['a fraction', 1.5],
        ['a string', '1'],
        ['huge', 1e12],
        ['missing', MISSING],
      ],
      unexpected: [['an extra field', 'x']],
    },
  },
  'report an error': {
    method: 'post',
    path: () => '/api/corrections',
    user: 'zhangwei',
    idempotent: true,
    valid: () => ({
      resourceCode: 'GA-RK-001',
      grantId: fixtures.grant,
      discoveredAt: new Date(Date.now() - 3600_000).toISOString(),
      description: '户籍地址仍为拆迁前地址',
      items: ['户籍地址'],
    }),
    breakers: {
      resourceCode: [['unknown', 'NOPE-001'], ...text(true)],
      grantId: [['unknown', 'G-NOPE']],
      discoveredAt: [
        ['impossible', '2026-02-30T10:00:00+08:00'],
        ['in the future', new Date(Date.now() + 86400_000).toISOString()],
        ['without an offset', '2026-11-20T10:00:00'],
      ],
      description: text(true),
      items: [
        ['not in the catalogue', ['不存在的数据项']],
        ['empty', []],
      ],
      unexpected: [['an extra field', 'x']],
    },
  },
  'dispute the denial': {
    method: 'post',
    path: () => '/api/disputes',
    user: 'zhangwei',
    valid: () => ({ subjectType: 'request', subjectId: fixtures.denied, claim: '申请用途符合法定职责' }),
    breakers: {
      subjectType: [['unknown', 'catalogue']],
      subjectId: [['unknown', 'SR-20261124-NOPE00'], ...text(true)],
      claim: text(true),
      unexpected: [['an extra field', 'x']],
    },
  },
  'change a catalogue entry (a draft of it)': {
    method: 'post',
    path: () => '/api/catalogue/drafts',
    user: 'wangfang',
    idempotent: true,
    valid: () => ({ entries: [populationRenamed()], changeReason: '更正资源名称' }),
    breakers: {
      // Each field of the entry broken in turn: the refusal names entries[0].<field>.
      entries: (
        [
          ['name', text(true)],
          [
            'items',
            [
              ['empty', []],
              [
                'an item twice',
                [
                  { name: '姓名', kind: 'base' },
                  { name: '姓名', kind: 'base' },
                ],
              ],
            ],
          ],
          ['shareType', [['unknown', 'sometimes']]],
          ['statutoryRecipients', [['an unknown department', ['nope-bureau']]]],
          ['contributingDepartments', [['an unknown department', ['nope-bureau']]]],
          ['relatedResources', [['an unknown resource', ['GA-NO-404']]]],
          [
            'nationalCode',
            [
              ['malformed', '3-01-001'],
              ['of another class than the category', '301001/000001'],
            ],
          ],
          ['unexpected', [['an extra field', 'x']]],
        ] as [string, Breaker[]][]
      ).flatMap(([field, breakers]) =>
        breakers.map(([label, value]): Breaker => [
          `${field}: ${label}`,
          [{ ...populationRenamed(), [field]: value }],
        ]),
      ),
      changeReason: text(true),
    },
  },
  'submit a catalogue draft': {
    method: 'post',
    path: () => '/api/catalogue/drafts',
    user: 'wangfang',
    idempotent: true,
    valid: () => ({ entries: [catalogueEntry({ code: 'GA-CL-301' })], changeReason: '新增资源' }),
    breakers: {
      entries: [
        ['empty', []],
        [
          'a row with an unknown sharing type',
          [catalogueEntry({ code: 'GA-CL-301', shareType: 'sometimes' })],
        ],
        [
          'a row naming an unknown recipient',
          [catalogueEntry({ code: 'GA-CL-301', statutoryRecipients: ['nope-bureau'] })],
        ],
        [
          'the same entry twice',
          [catalogueEntry({ code: 'GA-CL-301' }), catalogueEntry({ code: 'GA-CL-301' })],
        ],
        ['only entries exactly as published', [DEMO_RESOURCES.find((r) => r.code === 'GA-XZ-001')!]],
      ],
      changeReason: text(true),
      unexpected: [['an extra field', 'x']],
    },
  },
  'report a security incident': {
    method: 'post',
    path: () => '/api/security/incidents',
    user: 'wangfang',
    idempotent: true,
    valid: () => ({
      title: '人口库接口异常调用',
      severity: 'high',
      occurredAt: new Date(Date.now() - 3600_000).toISOString(),
      description: '凌晨出现大量异常查询',
    }),
    breakers: {
      title: text(true),
      severity: [['unknown', 'apocalyptic']],
      occurredAt: [
        ['impossible', '2026-02-30T10:00:00+08:00'],
        ['in the future', new Date(Date.now() + 86400_000).toISOString()],
      ],
      description: text(true),
      unexpected: [['an extra field', 'x']],
    },
  },
  'record a security agreement': {
    method: 'post',
    path: () => '/api/security/agreements',
    user: 'wangfang',
    valid: () => ({
      serviceUnit: '攀枝花某信息技术有限公司',
      scope: '人口库接口运维',
      kinds: ['security'],
      signedOn: localDay(-10),
      expiresOn: localDay(300),
    }),
    breakers: {
      serviceUnit: text(true),
      kinds: [
        ['empty', []],
        ['unknown', ['friendship']],
      ],
      signedOn: [
        ['impossible', '2026-02-30'],
        ['in the future', localDay(5)],
      ],
      expiresOn: [
        ['before signedOn', localDay(-20)],
        ['missing', MISSING],
      ],
      department: [['unknown', 'nope-bureau']],
      unexpected: [['an extra field', 'x']],
    },
  },
  'register a reform': {
    method: 'post',
    path: () => '/api/reforms',
    user: 'zhoujie',
    idempotent: true,
    valid: () => ({
      title: '市级机构改革:组建市数据局',
      effectiveDate: localDay(),
      departments: ['public-security'],
      description: '政务数据管理职责调整',
    }),
    breakers: {
      title: text(true),
      effectiveDate: [
        ['impossible', '2026-11-31'],
        ['not a date', 'next week'],
      ],
      departments: [
        ['empty', []],
        ['unknown', ['nope-bureau']],
      ],
      unexpected: [['an extra field', 'x']],
    },
  },
};

const TABLES = [
  'sharing_requests',
  'corrections',
  'disputes',
  'reforms',
  'grants',
  'tasks',
  'task_candidates',
  'case_events',
  'sla_events',
  'notifications',
  'exchange_log',
  'sanctions',
  'security_incidents',
  'catalogue_drafts',
  'resource_freshness',
  'security_agreements',
  'risk_assessments',
];

const WORKFLOW_TASK_EVENTS = new Set<number>([
  temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
  temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
  temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
]);

/** Everything a refusal must leave as it was. */
async function state() {
  const counts = Object.fromEntries(
    await Promise.all(TABLES.map(async (t) => [t, Number((await h.t.db(t).count({ n: '*' }))[0].n)])),
  );
  // Refusals (401/403/404, a refused use of a grant, a classified entry) and reads are logged by
  // design; nothing else may be.
  const audit = await h.t
    .db('audit_log')
    .whereNot('action', 'like', '%refused%')
    .whereNot('action', 'like', '%.read')
    .whereNot('action', 'like', '%.search')
    .count({ n: '*' });
  const resource = await h.t.db('resources').where({ code: 'GA-RK-001' }).first('name', 'updated_at_ms');
  // An Update refused by its validator is carried by a workflow task the server drops, unless
  // more than a few events (DiscardSpeculativeWorkflowTaskMaximumEventsCount) came since the last
  // one, as after a routing that ran its writes as local activities: then the server keeps it,
  // as an empty workflow task (scheduled, started, completed; no command). What counts is the rest.
  const histories = await Promise.all(
    fixtures.workflows.map(
      async (id) =>
        (await h.env.client.workflow.getHandle(id).fetchHistory()).events?.filter(
          (e) => !WORKFLOW_TASK_EVENTS.has(e.eventType ?? 0),
        ).length ?? 0,
    ),
  );
  const workflows = (await h.env.client.workflow.count()).count;
  return { counts, audit: Number(audit[0].n), resource, histories, workflows };
}

beforeAll(async () => {
  const conditional = ENDPOINTS['submit a request'].valid();
  const waiting = await c.request('zhangwei', conditional);
  fixtures.request = waiting.id;
  fixtures.reviewTask = waiting.currentTask.id;
  const granted = await c.request('zhangwei', populationRequest({ items: ['姓名', '户籍地址'] }));
  fixtures.grant = (
    (await c.until('zhangwei', `/api/requests/${granted.id}`, (b) => b.grant !== null)).grant as {
      id: string;
    }
  ).id;
  const toDeny = await c.request('zhangwei', { ...conditional, purpose: '核对就业情况' });
  await c.complete('zhaoqiang', toDeny.currentTask.id, { decision: 'deny', reason: '超出职责范围' });
  await c.until('zhangwei', `/api/requests/${toDeny.id}`, (b) => b.status === 'denied');
  fixtures.denied = toDeny.id;
  fixtures.workflows = [sharingWorkflowId(waiting.id), sharingWorkflowId(granted.id)];
});

describe.each(Object.entries(ENDPOINTS))('%s', (_name, e) => {
  it('refuses each one broken field with a 4xx naming it, and changes nothing', async () => {
    const auth = await h.as(e.user);
    const before = await state();
    const wrong: string[] = [];
    for (const [field, breakers] of Object.entries(e.breakers)) {
      for (const [label, value] of breakers) {
        const body: Record<string, unknown> = e.valid();
        if (value === MISSING) delete body[field];
        else body[field] = value;
        const req = h.http()[e.method](e.path()).set(auth).set('Content-Type', 'application/json');
        if (e.idempotent) req.set('Idempotency-Key', `bad-${field}-${label}-${Math.random()}`);
        const res = await req.send(JSON.stringify(body));
        const what = `${field} ${label}`;
        if (res.status < 400 || res.status >= 500)
          wrong.push(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
        else if (!JSON.stringify(res.body.error).includes(field))
          wrong.push(`${what}: ${res.status} does not name ${field}: ${JSON.stringify(res.body.error)}`);
        const after = await state();
        if (JSON.stringify(after) !== JSON.stringify(before))
          wrong.push(`${what}: changed ${JSON.stringify(after)} (was ${JSON.stringify(before)})`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

/** Every list and lookup that reads a query string, as someone allowed to call it. */
const QUERIES: { path: string; user: string; params: string[] }[] = [
  { path: '/api/requests', user: 'zhangwei', params: ['status', 'page', 'pageSize'] },
  { path: '/api/grants', user: 'zhangwei', params: ['status', 'page', 'pageSize'] },
  {
    path: '/api/catalogue/resources',
    user: 'zhangwei',
    params: ['q', 'shareType', 'provider', 'category', 'mode', 'page', 'pageSize'],
  },
  {
    path: '/api/tasks',
    user: 'zhaoqiang',
    params: ['status', 'mine', 'unclaimed', 'overdue', 'dueWithinWorkingDays', 'page', 'pageSize'],
  },
  { path: '/api/sanctions', user: 'zhoujie', params: ['active', 'department'] },
  { path: '/api/dashboard/sla', user: 'zhengli', params: ['from', 'to', 'department', 'process'] },
  { path: '/api/calendar/deadline', user: 'zhangwei', params: ['from', 'workingDays'] },
  {
    path: '/api/audit',
    user: 'xuhong',
    params: ['actor', 'department', 'entityId', 'action', 'outcome', 'from', 'to', 'page', 'pageSize'],
  },
];

const queryValue = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ minLength: 300, maxLength: 3000 }),
  fc.constantFrom(
    '0x10',
    '1e3',
    '-1',
    '0',
    '99999999999',
    '2026-02-30',
    '2026-11-31',
    ZW,
    '%00',
    "' OR 1=1 --",
  ),
  fc.integer().map(String),
);

describe.each(QUERIES)('GET $path', (q) => {
  it('answers any query string with a 200 or a 4xx naming a parameter, and changes nothing', async () => {
    const auth = await h.as(q.user);
    const before = await state();
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.constantFrom(...q.params, 'unexpected'), queryValue, { minKeys: 1, maxKeys: 3 }),
        async (params) => {
          const res = await h.http().get(q.path).query(params).set(auth);
          expect(res.status).toBeLessThan(500);
          if (res.status >= 400) {
            // The error names a parameter: one that was sent, or one the endpoint needs and did not get.
            const named = [...q.params, ...Object.keys(params)].some((p) =>
              JSON.stringify(res.body.error).includes(p),
            );
            expect([named, res.body.error]).toEqual([true, res.body.error]);
          }
        },
      ),
      { numRuns: 25 },
    );
    expect(await state()).toEqual(before);
  });
});
