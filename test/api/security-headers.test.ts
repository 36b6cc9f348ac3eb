/**
 * Security headers on the API and the web app (the browser tests run the app
 * under this very policy), no caching of API answers or tokens, and a limit on
 * sign-ins a minute from one address.
 */
import request from 'supertest';
import { testApp } from '../support/api';
import { useApiHarness } from '../support/api-harness';

const h = useApiHarness();

it('sends a Content Security Policy and the framing, sniffing and referrer headers, on the app and the API', async () => {
  for (const path of ['/', '/inbox', '/api/auth/dev-users']) {
    const res = await h.http().get(path);
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-powered-by']).toBeUndefined();
  }
});

it('never lets an API answer, a token above all, be stored', async () => {
  const login = await h.http().post('/api/auth/dev-login').send({ username: 'zhangwei' });
  expect(login.status).toBe(200);
  expect(login.headers['cache-control']).toBe('no-store');
  expect(
    (
      await h
        .http()
        .get('/api/me')
        .set(await h.as('zhangwei'))
    ).headers['cache-control'],
  ).toBe('no-store');
});

it('answers 429 with Retry-After past SIGN_IN_RATE_LIMIT sign-ins a minute from one address', async () => {
  const app = testApp(h.t.db, h.env.client, { TEMPORAL_TASK_QUEUE: h.taskQueue, SIGN_IN_RATE_LIMIT: '5' });
  const statuses: number[] = [];
  for (let i = 0; i < 6; i += 1)
    statuses.push((await request(app).post('/api/auth/dev-login').send({ username: 'zhangwei' })).status);
  expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  const refused = await request(app).post('/api/auth/dev-login').send({ username: 'lina' });
  expect(refused.status).toBe(429);
  expect(refused.headers['retry-after']).toBe('60');
  expect(refused.body.error.code).toBe('too_many_sign_ins');
  // An auditor sees the refused sign-ins, with the address they came from.
  const audited = await h.t
    .db('audit_log')
    .where({ action: 'access.refused', entity_id: 'POST /api/auth/dev-login' });
  expect(audited.map((r) => JSON.parse(r.detail).status)).toEqual([429, 429]);
});
