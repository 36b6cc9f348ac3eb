/**
 * Sign-in from the city's identity provider: a person the directory does not
 * know yet is added at their first sign-in when the token's claims name a
 * known department and groups that map to roles; otherwise they are refused
 * with whom to ask, and the refusal is audited. Roles the group map gives are
 * refreshed at each sign-in; other roles stay as the administrators set them.
 */
import { useApiHarness } from '../support/api-harness';
import { useFakeIssuer } from '../support/fake-issuer';

const idp = useFakeIssuer();
const h = useApiHarness(() => ({
  AUTH_MODE: 'oidc',
  OIDC_ISSUER: idp.issuer,
  OIDC_AUDIENCE: idp.audience,
  OIDC_DEPARTMENT_CLAIM: 'department',
  OIDC_ROLE_MAP: 'gov-requesters=requester, gov-reviewers=provider_reviewer, gov-stewards=data_steward',
}));

const me = async (username: string, claims: Record<string, unknown>) =>
  h
    .http()
    .get('/api/me')
    .set('Authorization', `Bearer ${await idp.token(username, claims)}`);

it('adds a new person at their first sign-in, with the department and roles the claims give, and audits it', async () => {
  const res = await me('xiaoyu', {
    name: '肖雨',
    email: 'xiaoyu@health.example',
    department: 'health',
    groups: ['gov-requesters', 'staff'],
  });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({
    username: 'xiaoyu',
    displayName: '肖雨',
    department: { code: 'health' },
    roles: ['requester'],
  });
  expect(await h.t.db('users').where({ username: 'xiaoyu' }).first()).toMatchObject({
    source: 'oidc',
    email: 'xiaoyu@health.example',
  });
  const audit = await h.t
    .db('audit_log')
    .where({ action: 'directory.user_create', entity_id: 'xiaoyu' })
    .first();
  expect(JSON.parse(audit.detail)).toMatchObject({ via: 'oidc', changes: { roles: [null, ['requester']] } });
  // The next sign-in finds them: nobody is added twice.
  expect((await me('xiaoyu', { department: 'health', groups: ['gov-requesters'] })).status).toBe(200);
  expect(await h.t.db('users').where({ username: 'xiaoyu' }).count({ n: '*' })).toEqual([{ n: 1 }]);
});

it('refreshes the roles the groups give at each sign-in, and keeps the roles administrators gave', async () => {
  await me('pengbo', { name: '彭博', department: 'health', groups: ['gov-reviewers'] });
  // An administrator gives a role the identity provider does not manage.
  await h.t.db('user_roles').insert({ username: 'pengbo', role: 'auditor' });
  const res = await me('pengbo', { department: 'health', groups: ['gov-stewards'] });
  expect(res.body.roles).toEqual(['auditor', 'data_steward']);
  // A token without the groups claim leaves the roles as they are.
  expect((await me('pengbo', { department: 'health' })).body.roles).toEqual(['auditor', 'data_steward']);
  const update = await h.t
    .db('audit_log')
    .where({ action: 'directory.user_update', entity_id: 'pengbo' })
    .first();
  expect(JSON.parse(update.detail)).toMatchObject({
    via: 'oidc',
    changes: {
      roles: [
        ['auditor', 'provider_reviewer'],
        ['auditor', 'data_steward'],
      ],
    },
  });
});

it.each([
  ['a department govshare does not know', { department: 'ministry-of-magic', groups: ['gov-requesters'] }],
  ['no department', { groups: ['gov-requesters'] }],
  ['no group that gives a role', { department: 'renhe', groups: ['staff'] }],
])(
  'refuses a person whose sign-in names %s, says whom to ask, audits it and stores nothing',
  async (_what, claims) => {
    const res = await me('stranger', claims);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('not_provisioned');
    expect(res.body.error.details.contacts).toContainEqual(expect.objectContaining({ name: '系统管理员' }));
    if ('department' in claims && claims.department === 'renhe')
      // A county's person is pointed to their county's administrator too.
      expect(res.body.error.details.contacts).toContainEqual(
        expect.objectContaining({ name: '何刚', department: '仁和区' }),
      );
    expect(await h.t.db('users').where({ username: 'stranger' }).first()).toBeUndefined();
    const refused = await h.t
      .db('audit_log')
      .where({ action: 'access.refused' })
      .orderBy('seq', 'desc')
      .first();
    expect(JSON.parse(refused.detail)).toMatchObject({ status: 403, code: 'not_provisioned' });
  },
);

it('does not add again a person an administrator deactivated', async () => {
  await h.t.db('users').where({ username: 'lina' }).update({ active: false });
  const res = await me('lina', { department: 'public-security', groups: ['gov-reviewers'] });
  expect(res.status).toBe(403);
  expect(res.body.error.code).toBe('user_inactive');
  expect(await h.t.db('users').where({ username: 'lina' }).first()).toMatchObject({ active: 0 });
});

it('adds a person whose claims carry an unreadable name or a malformed address without them, and refuses a username it cannot hold (never a 500)', async () => {
  const odd = await me('oddclaims', {
    name: '\u200b\u200b',
    email: 'not-an-address',
    department: 'health',
    groups: ['gov-requesters'],
  });
  expect(odd.status).toBe(200);
  expect(odd.body.displayName).toBe('oddclaims');
  expect(await h.t.db('users').where({ username: 'oddclaims' }).first()).toMatchObject({ email: null });
  const long = await me('x'.repeat(80), { department: 'health', groups: ['gov-requesters'] });
  expect(long.status).toBe(403);
  expect(long.body.error.code).toBe('not_provisioned');
  expect(await h.t.db('users').where('username', 'like', 'xxxx%').first()).toBeUndefined();
});
