/**
 * The foundation's API against the Temporal dev server and MariaDB: sign-in,
 * identity, departments, the working-day calendar with an admin import,
 * health, metrics and the OpenAPI document.
 */
import { Connection, Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { SignJWT } from 'jose';
import request from 'supertest';
import { parseConfig } from '../../runtime/config';
import { unknownYear } from '../../scripts/harness/test-calendar';
import { DEMO_USERS } from '../../seeds/demo-directory';
import { testApp, signIn } from '../support/api';
import { createTestDb, type TestDb } from '../../scripts/harness/databases';
import { startDevServer } from '../../scripts/harness/servers';
import { createDb } from '../../db/connection';

let env: TestWorkflowEnvironment;
let t: TestDb;
let app: ReturnType<typeof testApp>;
let admin: string;
let requester: string;

beforeAll(async () => {
  [env, t] = await Promise.all([startDevServer(), createTestDb('mysql')]);
  app = testApp(t.db, env.client);
  admin = await signIn(app, 'admin');
  requester = await signIn(app, 'zhangwei');
});

afterAll(async () => {
  await env?.teardown();
  await t?.drop();
});

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('sign-in and identity (AUTH_MODE=dev)', () => {
  it('lists the demo users with department and roles for the sign-in page', async () => {
    const res = await request(app).get('/api/auth/dev-users');
    expect(res.status).toBe(200);
    expect(res.body.users).toHaveLength(DEMO_USERS.length);
    expect(res.body.users).toContainEqual({
      username: 'lina',
      displayName: '李娜',
      department: { code: 'public-security', name: '市公安局', nameEn: 'Public Security Bureau' },
      roles: ['provider_reviewer'],
    });
  });

  it('signs in a seeded user and answers /api/me with that user', async () => {
    const login = await request(app).post('/api/auth/dev-login').send({ username: 'lina' });
    expect(login.status).toBe(200);
    expect(login.body.user.username).toBe('lina');
    const me = await request(app).get('/api/me').set(auth(login.body.token));
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      username: 'lina',
      department: { code: 'public-security' },
      roles: ['provider_reviewer'],
    });
  });

  it('answers 401 with a JSON error for a missing, malformed or forged token', async () => {
    const none = await request(app).get('/api/me');
    expect(none.status).toBe(401);
    expect(none.body.error).toMatchObject({
      code: 'unauthenticated',
      message: expect.stringContaining('Bearer'),
    });
    expect((await request(app).get('/api/me').set('Authorization', 'Token abc')).status).toBe(401);
    const forged = await request(app)
      .get('/api/me')
      .set(auth(`${requester.slice(0, -4)}AAAA`));
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe('invalid_token');
  });

  it('refuses a token signed with the right secret but without an expiry, or living longer than JWT_TTL_SECONDS', async () => {
    const config = parseConfig({ NODE_ENV: 'test' });
    if (config.auth.mode !== 'dev') throw new Error('dev mode expected');
    const secret = new TextEncoder().encode(config.auth.jwtSecret);
    const base = () =>
      new SignJWT({ preferred_username: 'zhangwei' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('zhangwei')
        .setIssuer('govshare-dev')
        .setAudience('govshare')
        .setIssuedAt();
    const good = await base().setExpirationTime('1h').sign(secret);
    expect((await request(app).get('/api/me').set(auth(good))).status).toBe(200);
    for (const bad of [await base().sign(secret), await base().setExpirationTime('30d').sign(secret)]) {
      const res = await request(app).get('/api/me').set(auth(bad));
      expect([res.status, res.body.error.code]).toEqual([401, 'invalid_token']);
    }
  });

  it('refuses an unknown user and a malformed body without a 5xx', async () => {
    const unknown = await request(app).post('/api/auth/dev-login').send({ username: 'nobody' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toContain('/api/auth/dev-users');
    const empty = await request(app).post('/api/auth/dev-login').send({});
    expect(empty.status).toBe(400);
    expect(empty.body.error.details).toEqual([
      { path: 'username', code: 'invalid_type', message: expect.any(String) },
    ]);
    const broken = await request(app)
      .post('/api/auth/dev-login')
      .set('Content-Type', 'application/json')
      .send('{"username":');
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('invalid_json');
  });

  it("lists the departments: city departments, the five counties/districts and a county's own department", async () => {
    const res = await request(app).get('/api/departments').set(auth(requester));
    expect(res.status).toBe(200);
    expect(res.body.departments).toHaveLength(15);
    expect(res.body.departments).toContainEqual(
      expect.objectContaining({
        code: 'renhe-civil-affairs',
        kind: 'county_department',
        parentCode: 'renhe',
      }),
    );
    expect(
      res.body.departments
        .filter((d: { kind: string }) => d.kind === 'county')
        .map((d: { name: string }) => d.name)
        .sort(),
    ).toEqual(['东区', '仁和区', '盐边县', '米易县', '西区'].sort());
  });
});

describe('working-day calendar', () => {
  it('computes the DESIGN example: 2026-09-30 15:00 + 2 working days → 2026-10-09 23:59:59.999+08:00', async () => {
    const res = await request(app)
      .get('/api/calendar/deadline')
      .query({ from: '2026-09-30T15:00:00+08:00', workingDays: 2 })
      .set(auth(requester));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ deadline: '2026-10-09T23:59:59.999+08:00', provisional: false });
  });

  it.each([
    [{ workingDays: 2 }, 'from'],
    [{ from: '2026-09-30', workingDays: 2 }, 'from'],
    [{ from: '2026-09-30T15:00:00+08:00', workingDays: 0 }, 'workingDays'],
    [{ from: '2026-09-30T15:00:00+08:00', workingDays: 'two' }, 'workingDays'],
    [{ from: '2026-09-30T15:00:00+08:00', workingDays: 2.5 }, 'workingDays'],
  ])('answers 400 naming the bad parameter for %j', async (query, field) => {
    const res = await request(app).get('/api/calendar/deadline').query(query).set(auth(requester));
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
  });

  it("shows a year's holidays and make-up working days", async () => {
    const res = await request(app).get('/api/calendar/2026').set(auth(requester));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ year: 2026, known: true });
    expect(res.body.holidays).toContainEqual({ date: '2026-02-17', name: '春节' });
    expect(res.body.workdays).toContainEqual({ date: '2026-02-28', name: '春节' });
    expect((await request(app).get('/api/calendar/20x6').set(auth(requester))).status).toBe(400);
  });

  // The first year the test calendar does not know, laid out like 2027 (see scripts/harness/test-calendar.ts).
  const U = unknownYear();

  it('lets only an admin import a year', async () => {
    const res = await request(app)
      .put(`/api/calendar/${U}`)
      .set(auth(requester))
      .send({ holidays: [], workdays: [] });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
    expect((await request(app).get(`/api/calendar/${U}`).set(auth(requester))).body.known).toBe(false);
  });

  it.each([
    [
      { holidays: [{ date: `${U}-01-01` }, { date: `${U + 1}-01-01` }], workdays: [] },
      'holidays[1].date',
      `not in ${U}`,
    ],
    [
      { holidays: [{ date: `${U}-02-06` }], workdays: [{ date: `${U}-02-06` }] },
      'workdays[0].date',
      'both as a holiday and as a make-up working day',
    ],
    [{ holidays: [{ date: `${U}-02-30` }], workdays: [] }, 'holidays[0].date', 'not a real calendar date'],
    [{ holidays: [{ date: 'soon' }], workdays: [] }, 'holidays[0].date', 'yyyy-MM-dd'],
    [{ holidays: [] }, 'workdays', ''],
  ])(
    'refuses a malformed import with a 400 naming the bad entry (%j) and stores nothing',
    async (body, path, words) => {
      const res = await request(app).put(`/api/calendar/${U}`).set(auth(admin)).send(body);
      expect(res.status).toBe(400);
      const details = res.body.error.details as { path: string; message: string }[];
      expect(details.find((d) => d.path === path)?.message ?? '').toContain(words);
      expect((await request(app).get(`/api/calendar/${U}`).set(auth(admin))).body.known).toBe(false);
    },
  );

  it('marks a deadline past the last known year provisional until that year is imported', async () => {
    const query = { from: `${U - 1}-12-31T10:00:00+08:00`, workingDays: 2 };
    const before = await request(app).get('/api/calendar/deadline').query(query).set(auth(requester));
    expect(before.body).toEqual({ deadline: `${U}-01-04T23:59:59.999+08:00`, provisional: true });

    const imported = await request(app)
      .put(`/api/calendar/${U}`)
      .set(auth(admin))
      .send({
        holidays: [
          { date: `${U}-01-01`, name: '元旦' },
          { date: `${U}-01-04`, name: '测试假日' },
        ],
        workdays: [{ date: `${U}-01-09`, name: '调休' }],
      });
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({
      year: U,
      known: true,
      source: 'import',
      importedBy: 'admin',
      recomputedWorkflows: 0,
    });

    const after = await request(app).get('/api/calendar/deadline').query(query).set(auth(requester));
    // 1 Jan and 4 Jan are holidays, 2–3 Jan a weekend: the working days are 5 and 6 Jan.
    expect(after.body).toEqual({ deadline: `${U}-01-06T23:59:59.999+08:00`, provisional: false });
  });
});

describe('operations', () => {
  it('reports health when the database and Temporal answer', async () => {
    const res = await request(app).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', checks: { database: 'ok', temporal: 'ok' } });
  });

  it('answers 503 naming the database when it is unreachable, and naming Temporal when it is', async () => {
    const deadDb = createDb({ client: 'mysql2', url: 'mysql://nobody:x@127.0.0.1:1/nothing', poolMax: 1 });
    // No retry interceptor: this throwaway connection is closed right after the check.
    const deadTemporal = new Client({
      connection: Connection.lazy({ address: '127.0.0.1:1', interceptors: [] }),
    });
    try {
      const noDb = await request(testApp(deadDb, env.client)).get('/healthz');
      expect(noDb.status).toBe(503);
      expect(noDb.body).toMatchObject({
        status: 'unavailable',
        checks: { temporal: 'ok' },
        message: 'Not reachable: database.',
      });
      const noTemporal = await request(testApp(t.db, deadTemporal)).get('/healthz');
      expect(noTemporal.status).toBe(503);
      expect(noTemporal.body).toMatchObject({
        checks: { database: 'ok' },
        message: 'Not reachable: temporal.',
      });
    } finally {
      await deadDb.destroy();
      await deadTemporal.connection.close().catch(() => undefined);
    }
  });

  it('exposes Prometheus metrics', async () => {
    await request(app).get('/api/me').set(auth(requester));
    const res = await request(app).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.text).toContain('govshare_http_request_duration_seconds_bucket');
    expect(res.text).toContain('route="/api/me"');
  });

  it('serves an OpenAPI document generated from the request schemas, and its UI', async () => {
    const doc = await request(app).get('/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(
      doc.body.paths['/api/calendar/{year}'].put.requestBody.content['application/json'].schema.$ref,
    ).toBe('#/components/schemas/CalendarYearImport');
    expect(
      doc.body.paths['/api/calendar/deadline'].get.parameters.map((p: { name: string }) => p.name).sort(),
    ).toEqual(['from', 'workingDays']);
    expect(doc.body.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    const ui = await request(app).get('/api/docs/');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger-ui');
  });

  it('answers an unknown API path with a JSON 404', async () => {
    const res = await request(app).get('/api/nothing-here').set(auth(requester));
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });
});
