/**
 * A minimal OpenID Connect provider for tests, with a real RSA key: discovery,
 * JWKS, an authorization endpoint that signs in `user` at once and sends the
 * browser back with a code, and a token endpoint that checks the code's PKCE
 * verifier and answers with an access token for govshare's audience.
 */
import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';

export interface FakeIssuer {
  issuer: string;
  /** Who signs in at the authorization endpoint. */
  user: string;
  /** More claims the tokens carry for `user` (department, name, groups). */
  claims: Record<string, unknown>;
  /** An access token for govshare's audience, as the issuer would give `username` with `claims`. */
  token(username: string, claims?: Record<string, unknown>): Promise<string>;
  audience: string;
  clientId: string;
}

export function useFakeIssuer(): FakeIssuer {
  const f = { user: 'lina', claims: {}, audience: 'govshare', clientId: 'govshare-web' } as FakeIssuer;
  let server: http.Server;
  let key: KeyLike;
  const codes = new Map<string, { challenge: string; nonce?: string; redirectUri: string }>();
  const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': '*' };

  const sign = (claims: Record<string, unknown>, audience: string, subject = f.user) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(f.issuer)
      .setAudience(audience)
      .setSubject(subject)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(key);

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    key = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = http.createServer(async (req, res) => {
      const url = new URL(req.url ?? '/', f.issuer);
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json', ...cors });
        res.end(JSON.stringify(body));
      };
      if (req.method === 'OPTIONS') return res.writeHead(204, cors).end();
      if (url.pathname.endsWith('/.well-known/openid-configuration'))
        return json(200, {
          issuer: f.issuer,
          jwks_uri: `${f.issuer}/certs`,
          authorization_endpoint: `${f.issuer}/authorize`,
          token_endpoint: `${f.issuer}/token`,
          response_types_supported: ['code'],
          code_challenge_methods_supported: ['S256'],
        });
      if (url.pathname.endsWith('/certs')) return json(200, { keys: [jwk] });
      if (url.pathname.endsWith('/authorize')) {
        const code = randomUUID();
        codes.set(code, {
          challenge: url.searchParams.get('code_challenge') ?? '',
          nonce: url.searchParams.get('nonce') ?? undefined,
          redirectUri: url.searchParams.get('redirect_uri') ?? '',
        });
        const back = new URL(url.searchParams.get('redirect_uri') ?? '');
        back.searchParams.set('code', code);
        back.searchParams.set('state', url.searchParams.get('state') ?? '');
        return res.writeHead(302, { Location: back.toString() }).end();
      }
      if (url.pathname.endsWith('/token')) {
        let body = '';
        for await (const chunk of req) body += chunk;
        const form = new URLSearchParams(body);
        const grant = codes.get(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        const challenge = createHash('sha256').update(verifier).digest('base64url');
        if (!grant || grant.challenge !== challenge || grant.redirectUri !== form.get('redirect_uri'))
          return json(400, { error: 'invalid_grant' });
        codes.delete(form.get('code') ?? '');
        return json(200, {
          token_type: 'Bearer',
          expires_in: 600,
          access_token: await sign({ ...f.claims, preferred_username: f.user }, f.audience),
          id_token: await sign({ ...f.claims, preferred_username: f.user, nonce: grant.nonce }, f.clientId),
        });
      }
      json(404, {});
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    f.issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/realms/gov`;
  });

  f.token = (username, claims = {}) =>
    sign({ ...claims, preferred_username: username }, f.audience, username);

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return f;
}
