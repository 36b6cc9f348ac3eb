/**
 * Property-based bad input (fast-check) for every endpoint that takes input:
 * wrong types, missing and extra fields, huge strings, invalid dates, unknown
 * codes, injection strings. Never a 5xx, and after each refused request the
 * database's cases and Temporal's workflows are as they were.
 */
import fc from 'fast-check';
import { useApiHarness } from '../support/api-harness';

const h = useApiHarness();

const nasty = fc.oneof(
  fc.string(),
  fc.string({ minLength: 5000, maxLength: 20000 }),
  fc.constantFrom(
    "'; DROP TABLE tasks; --",
    '" OR 1=1 --',
    '<script>alert(1)</script>',
    '../../etc/passwd',
    '${7*7}',
    '2026-02-30',
    '9999-99-99T99:99:99Z',
    'NOPE-0000',
    '\u0000',
    '𠀀𠀁',
  ),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 5 }),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
);

/** An object with some of the endpoint's fields (each possibly wrong) and maybe extra ones. */
const bodyOf = (fields: string[]) =>
  fc.oneof(
    nasty,
    fc.record(Object.fromEntries(fields.map((f) => [f, nasty])), { requiredKeys: [] }),
    fc.record(
      { ...Object.fromEntries(fields.map((f) => [f, nasty])), [`extra_${fields[0]}`]: nasty },
      { requiredKeys: [] },
    ),
  );

const ENDPOINTS: { method: 'post' | 'put'; path: string; user: string; fields: string[]; key?: boolean }[] = [
  {
    method: 'post',
    path: '/api/requests',
    user: 'zhangwei',
    key: true,
    fields: ['resourceCode', 'items', 'purpose', 'basis', 'usageFrom', 'usageTo', 'answers'],
  },
  {
    method: 'post',
    path: '/api/corrections',
    user: 'zhangwei',
    key: true,
    fields: ['resourceCode', 'grantId', 'discoveredAt', 'description', 'items', 'evidence'],
  },
  { method: 'post', path: '/api/disputes', user: 'zhangwei', fields: ['subjectType', 'subjectId', 'claim'] },
  {
    method: 'post',
    path: '/api/reforms',
    user: 'zhoujie',
    key: true,
    fields: ['title', 'effectiveDate', 'departments', 'description'],
  },
  {
    method: 'post',
    path: '/api/catalogue/drafts',
    user: 'wangfang',
    key: true,
    fields: ['entries', 'changeReason'],
  },
  { method: 'put', path: '/api/calendar/2027', user: 'admin', fields: ['holidays', 'workdays'] },
  {
    method: 'post',
    path: '/api/tasks/NOPE.provider_review.1/complete',
    user: 'zhaoqiang',
    fields: ['decision', 'reason', 'data'],
  },
  { method: 'post', path: '/api/requests/SR-NOPE/withdraw', user: 'zhangwei', fields: ['reason'] },
  { method: 'post', path: '/api/grants/G-NOPE/revoke', user: 'lina', fields: ['reason'] },
  {
    method: 'post',
    path: '/api/grants/G-NOPE/exchanges',
    user: 'zhangwei',
    fields: ['items', 'recordCount'],
  },
  { method: 'post', path: '/api/auth/dev-login', user: 'zhangwei', fields: ['username'] },
];

const TABLES = [
  'sharing_requests',
  'corrections',
  'disputes',
  'reforms',
  'grants',
  'tasks',
  'calendar_years',
  'calendar_days',
  'resource_versions',
];

async function snapshot() {
  const counts = await Promise.all(TABLES.map(async (t) => Number((await h.t.db(t).count({ n: '*' }))[0].n)));
  const resource = await h.t.db('resources').where({ code: 'GA-RK-001' }).first();
  const workflows = (await h.env.client.workflow.count()).count;
  return { counts, resource: resource.updated_at_ms, workflows };
}

describe.each(ENDPOINTS)('$method $path', (e) => {
  it('answers bad input with a 4xx and changes nothing', async () => {
    const auth = await h.as(e.user);
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(bodyOf(e.fields), async (body) => {
        const req = h.http()[e.method](e.path).set(auth);
        if (e.key) req.set('Idempotency-Key', `fuzz-${Math.random()}`);
        // Raw JSON, so a bare number, string or null reaches the API as the body.
        const res = await req.set('Content-Type', 'application/json').send(JSON.stringify(body));
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(res.body.error.message).toEqual(expect.any(String));
      }),
      { numRuns: 40 },
    );
    expect(await snapshot()).toEqual(before);
  });
});
