/**
 * AUTH_MODE=oidc: tokens from the configured issuer, verified against its JWKS
 * (served here by a local HTTP server with a real RSA key), issuer and audience.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import request from 'supertest';
import { testApp } from '../support/api';
import { createTestDb, type TestDb } from '../../scripts/harness/databases';
import { startDevServer } from '../../scripts/harness/servers';

let env: TestWorkflowEnvironment;
let t: TestDb;
let jwksServer: http.Server;
let issuer: string;
let key: KeyLike;
let app: ReturnType<typeof testApp>;

beforeAll(async () => {
  [env, t] = await Promise.all([startDevServer(), createTestDb('sqlite')]);
  const pair = await generateKeyPair('RS256');
  key = pair.privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  jwksServer = http.createServer((req, res) => {
    res.setHeader('Content-Type', 'application/json');
    if (req.url === '/realms/gov/.well-known/openid-configuration')
      res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/certs` }));
    else if (req.url === '/realms/gov/certs') res.end(JSON.stringify({ keys: [jwk] }));
    else res.writeHead(404).end('{}');
  });
  await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/realms/gov`;
  app = testApp(t.db, env.client, { AUTH_MODE: 'oidc', OIDC_ISSUER: issuer, OIDC_AUDIENCE: 'govshare' });
});

afterAll(async () => {
  jwksServer?.close();
  await env?.teardown();
  await t?.drop();
});

function token(claims: { preferred_username?: string }, opts: { audience?: string; issuer?: string } = {}) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuer(opts.issuer ?? issuer)
    .setAudience(opts.audience ?? 'govshare')
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(key);
}

it("accepts the issuer's token (JWKS found by discovery) and maps its username claim to the directory", async () => {
  const res = await request(app)
    .get('/api/me')
    .set('Authorization', `Bearer ${await token({ preferred_username: 'lina' })}`);
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ username: 'lina', department: { code: 'public-security' } });
});

it('refuses a token for another audience or from another issuer with 401', async () => {
  for (const bad of [
    await token({ preferred_username: 'lina' }, { audience: 'other-app' }),
    await token({ preferred_username: 'lina' }, { issuer: 'http://evil' }),
  ]) {
    const res = await request(app).get('/api/me').set('Authorization', `Bearer ${bad}`);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('invalid_token');
  }
});

it('answers 403 for a valid token of a person govshare does not know', async () => {
  const res = await request(app)
    .get('/api/me')
    .set('Authorization', `Bearer ${await token({ preferred_username: 'stranger' })}`);
  expect(res.status).toBe(403);
  expect(res.body.error.code).toBe('unknown_user');
});

it('turns dev sign-in off', async () => {
  expect((await request(app).post('/api/auth/dev-login').send({ username: 'lina' })).status).toBe(404);
  expect((await request(app).get('/api/auth/dev-users')).status).toBe(404);
});

it('refuses a token without an expiry, or one that lives longer than OIDC_MAX_TOKEN_LIFETIME_SECONDS (12 h)', async () => {
  const base = () =>
    new SignJWT({ preferred_username: 'lina' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(issuer)
      .setAudience('govshare')
      .setIssuedAt();
  for (const bad of [await base().sign(key), await base().setExpirationTime('30d').sign(key)]) {
    const res = await request(app).get('/api/me').set('Authorization', `Bearer ${bad}`);
    expect([res.status, res.body.error.code]).toEqual([401, 'invalid_token']);
  }
});
