/**
 * Every endpoint × role: who may call it. The matrix below is the contract;
 * the test fails when the API has an endpoint the matrix lacks (so a new
 * endpoint cannot ship without saying who may use it), and checks that each
 * demo role is let through (anything but 401/403) exactly where the matrix
 * says, and refused with 403 elsewhere. Department and county boundaries (a
 * steward of another department, a case between other departments) are held
 * by department-boundaries.test.ts, endpoint by endpoint.
 */
import { ROLES, type Role } from '../../domain/roles';
import { DEMO_USERS } from '../../seeds/demo-directory';
import { useApiHarness } from '../support/api-harness';

const h = useApiHarness();

type Who = 'public' | 'any' | Role[];
const SUPERVISORS: Role[] = ['supervisor', 'lg_office', 'leading_group', 'admin', 'auditor'];

/** method path (OpenAPI form) → who may call it. */
const MATRIX: Record<string, Who> = {
  'get /healthz': 'public',
  'get /metrics': 'public',
  'get /api/openapi.json': 'public',
  'post /api/auth/dev-login': 'public',
  'get /api/auth/dev-users': 'public',
  'get /api/auth/config': 'public',
  'get /api/processes/{process}/diagram': 'public',
  'get /api/processes': 'any',
  'get /api/me': 'any',
  'get /api/departments': 'any',
  'post /api/directory/departments': ['admin', 'county_admin'],
  'patch /api/directory/departments/{code}': ['admin', 'county_admin'],
  'get /api/directory/users': ['admin', 'county_admin'],
  'post /api/directory/users': ['admin', 'county_admin'],
  'patch /api/directory/users/{username}': ['admin', 'county_admin'],
  'get /api/directory/export.xlsx': ['admin', 'county_admin'],
  'post /api/directory/import': ['admin', 'county_admin'],
  'get /api/calendar/deadline': 'any',
  'get /api/calendar/{year}': 'any',
  'put /api/calendar/{year}': ['admin'],
  'get /api/catalogue/resources': 'any',
  'get /api/catalogue/resources/{code}': 'any',
  'get /api/catalogue/resources/{code}/versions': 'any',
  'get /api/open-data/datasets': 'public',
  'get /api/catalogue/export.xlsx': 'any',
  'post /api/catalogue/import': ['data_steward'],
  'get /api/open-data/gaps': ['lg_office', 'leading_group', 'supervisor', 'admin'],
  'post /api/catalogue/drafts': ['data_steward'],
  'post /api/catalogue/resources/{code}/data-updates': ['data_steward'],
  'get /api/catalogue/completeness': ['lg_office', 'leading_group', 'supervisor', 'admin', 'county_admin'],
  'get /api/catalogue/drafts': 'any',
  'get /api/catalogue/drafts/{id}': 'any',
  'put /api/catalogue/drafts/{id}': ['data_steward'],
  'post /api/requests': ['requester'],
  'get /api/requests': 'any',
  'get /api/requests/{id}': 'any',
  'post /api/requests/{id}/withdraw': ['requester'],
  'get /api/notices': 'any',
  'post /api/comments': 'any',
  'get /api/cases/{caseType}/{caseId}/approval-form': 'any',
  'post /api/cases/{caseType}/{caseId}/attachments': 'any',
  'get /api/cases/{caseType}/{caseId}/attachments': 'any',
  'get /api/cases/{caseType}/{caseId}/attachments/{id}': 'any',
  'get /api/delegations': 'any',
  'get /api/delegations/colleagues': 'any',
  'post /api/delegations': 'any',
  'post /api/delegations/{id}/revoke': 'any',
  'post /api/notices/read': 'any',
  'get /api/tasks': 'any',
  'get /api/tasks/{id}': 'any',
  'post /api/tasks/{id}/claim': 'any',
  'post /api/tasks/{id}/unclaim': 'any',
  'post /api/tasks/{id}/complete': 'any',
  'post /api/tasks/complete-many': ['provider_reviewer', 'platform_approver'],
  'get /api/grants': 'any',
  'get /api/grants/{id}': 'any',
  'post /api/grants/{id}/revoke': 'any',
  'post /api/grants/{id}/exchanges': 'any',
  'get /api/grants/{id}/exchanges': 'any',
  'post /api/corrections': ['requester'],
  'get /api/corrections': 'any',
  'get /api/corrections/{id}': 'any',
  'post /api/disputes': 'any',
  'get /api/disputes': 'any',
  'get /api/disputes/{id}': 'any',
  'post /api/reforms': ['lg_office', 'admin', 'data_steward'],
  'post /api/reforms/{id}/obligations/{department}/decisions': ['data_steward'],
  'get /api/reforms': 'any',
  'get /api/reforms/{id}': 'any',
  'get /api/sanctions': 'any',
  'get /api/dashboard/sla': SUPERVISORS,
  'get /api/dashboard/sla/cases': SUPERVISORS,
  'get /api/dashboard/sla/breaches.{format}': SUPERVISORS,
  'get /api/audit': ['auditor'],
  'get /api/audit/export.{format}': ['auditor'],
  'get /api/audit/verify': ['auditor', 'admin'],
  'post /api/audit/checkpoints': ['admin'],
  'get /api/departments/{code}/security': 'any',
  'post /api/security/agreements': ['data_steward', 'county_admin', 'admin'],
  'post /api/departments/{code}/assessments': ['data_steward', 'county_admin', 'admin'],
  'post /api/security/incidents': ['data_steward', 'provider_reviewer', 'requester', 'county_admin'],
  'get /api/security/incidents/{id}': 'any',
};

/** Concrete values for path parameters (the records need not exist: 404 is "let through"). */
const concrete = (path: string) =>
  path
    .replace('{year}', '2026')
    .replace('{code}', 'GA-RK-001')
    .replace('{process}', 'sharing_request')
    .replace('{format}', 'csv')
    .replace('{caseType}', 'sharing_request')
    .replace('{caseId}', 'NOPE-1')
    .replace(/\{id\}/, 'NOPE-1');

let documented: string[] = [];

beforeAll(async () => {
  const doc = (await h.http().get('/api/openapi.json')).body as {
    paths: Record<string, Record<string, unknown>>;
  };
  documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`));
});

it('lists every endpoint of the API (add new endpoints to the matrix)', () => {
  const unlisted = documented.filter((e) => !(e in MATRIX));
  expect(unlisted).toEqual([]);
  const stale = Object.keys(MATRIX).filter(
    (e) => !documented.includes(e) && !['get /healthz', 'get /metrics', 'get /api/openapi.json'].includes(e),
  );
  expect(stale).toEqual([]);
});

it('lets each role through exactly where the matrix says, and refuses the rest with 403 (401 without a token)', async () => {
  // One demo user per role.
  const holder = new Map<Role, string>();
  for (const role of ROLES)
    holder.set(
      role,
      DEMO_USERS.find((u) => u.roles.length === 1 && u.roles[0] === role)?.username ??
        DEMO_USERS.find((u) => u.roles.includes(role))!.username,
    );
  const wrong: string[] = [];
  for (const [endpoint, who] of Object.entries(MATRIX)) {
    const [method, path] = endpoint.split(' ');
    const call = (auth?: Record<string, string>) => {
      const req = (
        h.http() as unknown as Record<string, (p: string) => ReturnType<ReturnType<typeof h.http>['get']>>
      )[method](concrete(path));
      if (auth) req.set(auth);
      return method === 'get' ? req : req.send({});
    };
    if (who !== 'public') {
      const anonymous = await call();
      if (anonymous.status !== 401) wrong.push(`${endpoint} without a token: ${anonymous.status}`);
    }
    if (who === 'public' || who === 'any') continue;
    for (const role of ROLES) {
      const user = holder.get(role)!;
      const roles = DEMO_USERS.find((u) => u.username === user)!.roles;
      const allowed = roles.some((r) => who.includes(r));
      const res = await call(await h.as(user));
      const refused =
        res.status === 403 && res.body?.error?.code === 'forbidden' && /roles/.test(res.body.error.message);
      if (allowed === refused)
        wrong.push(`${endpoint} as ${role} (${user}): ${res.status} ${res.body?.error?.code ?? ''}`);
      if (res.status >= 500) wrong.push(`${endpoint} as ${role}: ${res.status}`);
    }
  }
  expect(wrong).toEqual([]);
});
