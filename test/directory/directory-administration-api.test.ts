/**
 * Keeping the directory through the API: administrators keep the city, a
 * county administrator their county (art. 8). Every bad input is a clear 4xx
 * naming the field, and nothing is stored; every change is audited field by
 * field, and roles take effect at the user's next request.
 */
import { useApiHarness } from '../support/api-harness';

const h = useApiHarness();

const post = async (who: string, path: string, body: object) =>
  h
    .http()
    .post(path)
    .set(await h.as(who))
    .send(body);
const patch = async (who: string, path: string, body: object) =>
  h
    .http()
    .patch(path)
    .set(await h.as(who))
    .send(body);
const countRows = async (table: string) => Number((await h.t.db(table).count({ n: '*' }))[0].n);

const renheHealth = {
  code: 'renhe-health',
  name: '仁和区卫生健康局',
  nameEn: 'Renhe District Health Bureau',
  kind: 'county_department',
  parentCode: 'renhe',
};

it('an administrator adds a county department and a user in it; both are audited and the user can sign in', async () => {
  const dept = await post('admin', '/api/directory/departments', renheHealth);
  expect(dept.status).toBe(201);
  expect(dept.body).toMatchObject({ code: 'renhe-health', kind: 'county_department', active: true });
  const departments = await h
    .http()
    .get('/api/departments')
    .set(await h.as('zhangwei'));
  expect(departments.body.departments).toContainEqual(
    expect.objectContaining({ code: 'renhe-health', parentCode: 'renhe' }),
  );

  const user = await post('admin', '/api/directory/users', {
    username: 'liming',
    displayName: '李明',
    departmentCode: 'renhe-health',
    roles: ['data_steward', 'provider_reviewer'],
    email: 'liming@renhe.example',
    phone: '0812-3335555',
  });
  expect(user.status).toBe(201);
  expect(user.body).toMatchObject({
    username: 'liming',
    departmentName: { zh: '仁和区卫生健康局' },
    source: 'directory',
  });
  const me = await h
    .http()
    .get('/api/me')
    .set(await h.as('liming'));
  expect(me.body).toMatchObject({
    department: { code: 'renhe-health' },
    roles: ['data_steward', 'provider_reviewer'],
  });

  const audit = await h.t
    .db('audit_log')
    .whereIn('action', ['directory.department_create', 'directory.user_create'])
    .orderBy('seq');
  expect(audit.map((a) => [a.action, a.actor, a.entity_id])).toEqual([
    ['directory.department_create', 'admin', 'renhe-health'],
    ['directory.user_create', 'admin', 'liming'],
  ]);
  expect(JSON.parse(audit[1].detail).changes.roles).toEqual([null, ['data_steward', 'provider_reviewer']]);
});

it("a change of roles is audited and takes effect at the user's next request", async () => {
  const before = await h
    .http()
    .get('/api/me')
    .set(await h.as('lina'));
  expect(before.body.roles).toEqual(['provider_reviewer']);
  const res = await patch('admin', '/api/directory/users/lina', {
    roles: ['provider_reviewer', 'data_steward'],
  });
  expect(res.status).toBe(200);
  // The same token, signed before the change: the roles are read from the directory at each request.
  const after = await h
    .http()
    .get('/api/me')
    .set(await h.as('lina'));
  expect(after.body.roles).toEqual(['data_steward', 'provider_reviewer']);
  const row = await h.t.db('audit_log').where({ action: 'directory.user_update', entity_id: 'lina' }).first();
  expect(JSON.parse(row.detail)).toMatchObject({
    via: 'api',
    changes: { roles: [['provider_reviewer'], ['provider_reviewer', 'data_steward']] },
  });
  await patch('admin', '/api/directory/users/lina', { roles: ['provider_reviewer'] });
});

describe('bad input: a clear 4xx naming the field, and nothing stored', () => {
  it.each([
    [
      'a department whose parent is itself',
      { ...renheHealth, code: 'loop', parentCode: 'loop' },
      422,
      'parentCode',
      'parent_is_itself',
    ],
    [
      'a county department under a city department',
      { ...renheHealth, code: 'x1', parentCode: 'health' },
      422,
      'parentCode',
      'parent_not_county',
    ],
    [
      'a county department under no county',
      { ...renheHealth, code: 'x2', parentCode: null },
      422,
      'parentCode',
      'parent_required',
    ],
    [
      'a parent that does not exist',
      { ...renheHealth, code: 'x3', parentCode: 'nowhere' },
      422,
      'parentCode',
      'unknown_department',
    ],
    [
      'a city department with a parent',
      { ...renheHealth, code: 'x4', kind: 'city_department' },
      422,
      'parentCode',
      'parent_not_allowed',
    ],
    ['a code with capitals and spaces', { ...renheHealth, code: 'Bad Code' }, 400, 'code', 'invalid_format'],
    [
      'a name of zero-width spaces',
      { ...renheHealth, code: 'x5', name: '\u200b\u200b' },
      400,
      'name',
      undefined,
    ],
    ['an unknown kind', { ...renheHealth, code: 'x6', kind: 'ministry' }, 400, 'kind', 'invalid_value'],
  ])('%s', async (_what, body, status, path, code) => {
    const departments = await countRows('departments');
    const res = await post('admin', '/api/directory/departments', body);
    expect(res.status).toBe(status);
    expect(res.body.error.details).toContainEqual(
      expect.objectContaining({ path, ...(code ? { code } : {}) }),
    );
    expect(await countRows('departments')).toBe(departments);
  });

  it.each([
    [
      'a user in an unknown department',
      { departmentCode: 'nowhere' },
      422,
      'departmentCode',
      'unknown_department',
    ],
    ['an unknown role', { roles: ['requester', 'overlord'] }, 400, 'roles[1]', 'invalid_value'],
    ['an e-mail address that is not one', { email: 'not-an-address' }, 400, 'email', 'invalid_format'],
    ['a username with a space', { username: 'li ming' }, 400, 'username', 'invalid_format'],
  ])('%s', async (_what, change, status, path, code) => {
    const users = await countRows('users');
    const res = await post('admin', '/api/directory/users', {
      username: 'newcomer',
      displayName: '新人',
      departmentCode: 'health',
      roles: ['requester'],
      ...change,
    });
    expect(res.status).toBe(status);
    expect(res.body.error.details).toContainEqual(expect.objectContaining({ path, code }));
    expect(await countRows('users')).toBe(users);
  });

  it('a department or user that exists already is a 409; one that does not, a 404', async () => {
    expect(
      (
        await post('admin', '/api/directory/departments', {
          ...renheHealth,
          code: 'health',
          kind: 'city_department',
          parentCode: null,
        })
      ).status,
    ).toBe(409);
    expect((await patch('admin', '/api/directory/departments/nowhere', { name: '无' })).status).toBe(404);
    expect((await patch('admin', '/api/directory/users/nobody', { displayName: '无' })).status).toBe(404);
  });

  it('a department with active users cannot be deactivated; the last administrator cannot lose the role', async () => {
    const dept = await patch('admin', '/api/directory/departments/health', { active: false });
    expect(dept.status).toBe(409);
    expect(dept.body.error).toMatchObject({ code: 'department_in_use' });
    const self = await patch('admin', '/api/directory/users/admin', { roles: ['auditor'] });
    expect(self.status).toBe(409);
    expect(self.body.error).toMatchObject({ code: 'last_admin' });
    expect(
      (
        await h
          .http()
          .get('/api/me')
          .set(await h.as('admin'))
      ).body.roles,
    ).toEqual(['admin']);
  });
});

describe('a county administrator keeps their own county only', () => {
  it('adds a department and a user of the county, and sees only its users', async () => {
    const dept = await post('hegang', '/api/directory/departments', {
      ...renheHealth,
      code: 'renhe-education',
      name: '仁和区教育局',
      nameEn: 'Renhe District Education Bureau',
    });
    expect(dept.status).toBe(201);
    const user = await post('hegang', '/api/directory/users', {
      username: 'zhouping',
      displayName: '周平',
      departmentCode: 'renhe-education',
      roles: ['requester'],
    });
    expect(user.status).toBe(201);
    const list = await h
      .http()
      .get('/api/directory/users')
      .set(await h.as('hegang'));
    expect(list.status).toBe(200);
    expect(new Set(list.body.users.map((u: { departmentCode: string }) => u.departmentCode))).toEqual(
      new Set([
        'renhe',
        'renhe-education',
        ...(list.body.users.some((u: { departmentCode: string }) => u.departmentCode === 'renhe-health')
          ? ['renhe-health']
          : []),
      ]),
    );
  });

  it.each([
    [
      'a department of another county',
      () =>
        post('hegang', '/api/directory/departments', {
          ...renheHealth,
          code: 'miyi-health',
          parentCode: 'miyi',
        }),
      'outside_county',
    ],
    [
      'a city department',
      () =>
        post('hegang', '/api/directory/departments', {
          ...renheHealth,
          code: 'city-x',
          kind: 'city_department',
          parentCode: null,
        }),
      'outside_county',
    ],
    [
      'renaming the county itself',
      () => patch('hegang', '/api/directory/departments/miyi', { name: '米易' }),
      'outside_county',
    ],
    [
      "another county's user",
      () => patch('hegang', '/api/directory/users/tanglei', { displayName: '唐' }),
      'outside_county',
    ],
    [
      'a user of a city department',
      () =>
        post('hegang', '/api/directory/users', {
          username: 'x9',
          displayName: '某',
          departmentCode: 'health',
          roles: ['requester'],
        }),
      'outside_county',
    ],
    [
      'a city-level role',
      () =>
        post('hegang', '/api/directory/users', {
          username: 'x10',
          displayName: '某',
          departmentCode: 'renhe',
          roles: ['platform_approver'],
        }),
      'city_role',
    ],
  ])('refuses %s with a 403, stores nothing, and audits the refusal', async (_what, call, code) => {
    const [departments, users] = [await countRows('departments'), await countRows('users')];
    const res = await call();
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe(code);
    expect([await countRows('departments'), await countRows('users')]).toEqual([departments, users]);
    const refused = await h.t
      .db('audit_log')
      .where({ action: 'access.refused', actor: 'hegang' })
      .orderBy('seq', 'desc')
      .first();
    expect(JSON.parse(refused.detail)).toMatchObject({ status: 403, code });
  });

  it('other roles may not keep the directory', async () => {
    expect(
      (
        await post('zhangwei', '/api/directory/users', {
          username: 'x11',
          displayName: '某',
          departmentCode: 'civil-affairs',
          roles: ['requester'],
        })
      ).status,
    ).toBe(403);
  });
});

it('a deactivated user is refused at the next request, and stays named in the history', async () => {
  await post('admin', '/api/directory/users', {
    username: 'leaver',
    displayName: '离职者',
    departmentCode: 'health',
    roles: ['requester'],
  });
  const headers = await h.as('leaver');
  expect((await h.http().get('/api/me').set(headers)).status).toBe(200);
  expect((await patch('admin', '/api/directory/users/leaver', { active: false })).status).toBe(200);
  const refused = await h.http().get('/api/me').set(headers);
  expect(refused.status).toBe(403);
  expect(refused.body.error.code).toBe('user_inactive');
  const list = await h
    .http()
    .get('/api/directory/users?department=health')
    .set(await h.as('admin'));
  expect(list.body.users).toContainEqual(expect.objectContaining({ username: 'leaver', active: false }));
});

it("names the roles that steps need and no one holds, so the administrator sees whose tasks would wait in no one's inbox", async () => {
  const list = async (who: string) =>
    (
      await h
        .http()
        .get('/api/directory/users')
        .set(await h.as(who))
    ).body;
  expect((await list('admin')).unheld).toEqual([]);
  // 周杰 is the demo's only holder of the LG office's role.
  expect((await patch('admin', '/api/directory/users/zhoujie', { roles: ['requester'] })).status).toBe(200);
  expect((await list('admin')).unheld).toContainEqual(
    expect.objectContaining({
      role: 'lg_office',
      department: null,
      steps: expect.arrayContaining(['dispute.coordination']),
    }),
  );
  // A county administrator is told only of their county's.
  expect((await list('hegang')).unheld).toEqual([]);
  await patch('admin', '/api/directory/users/zhoujie', { roles: ['lg_office'] });
});

it('a deactivated department is kept for the history but cannot be given new work', async () => {
  await post('admin', '/api/directory/departments', {
    ...renheHealth,
    code: 'renhe-closed',
    name: '仁和区撤并局',
    nameEn: 'Renhe Merged Bureau',
  });
  const off = await patch('admin', '/api/directory/departments/renhe-closed', { active: false });
  expect(off.status).toBe(200);
  expect(off.body).toMatchObject({ active: false });
  const listed = await h
    .http()
    .get('/api/departments')
    .set(await h.as('zhangwei'));
  expect(listed.body.departments).toContainEqual(
    expect.objectContaining({ code: 'renhe-closed', active: false }),
  );
  // No reform obliges it, and no one joins it.
  const reform = await h
    .http()
    .post('/api/reforms')
    .set(await h.as('zhoujie'))
    .set('Idempotency-Key', 'reform-closed-1')
    .send({ title: '机构改革', effectiveDate: '2026-11-02', departments: ['renhe-closed'] });
  expect(reform.status).toBe(422);
  expect(reform.body.error.details).toContainEqual(
    expect.objectContaining({ path: 'departments[0]', code: 'department_inactive' }),
  );
  const joiner = await post('admin', '/api/directory/users', {
    username: 'joiner',
    displayName: '新人',
    departmentCode: 'renhe-closed',
    roles: ['requester'],
  });
  expect(joiner.status).toBe(422);
  expect(joiner.body.error.details).toContainEqual(
    expect.objectContaining({ path: 'departmentCode', code: 'department_inactive' }),
  );
});
