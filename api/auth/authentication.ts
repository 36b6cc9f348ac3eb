/**
 * Bearer JWTs, verified with `jose`.
 * - AUTH_MODE=dev: govshare signs HS256 tokens itself for seeded users (POST /api/auth/dev-login).
 * - AUTH_MODE=oidc: tokens come from the configured issuer and are checked against its JWKS,
 *   issuer and audience; the username claim names a user of govshare's directory, who may be
 *   added at their first sign-in (provisioning.ts).
 */
import type { RequestHandler } from 'express';
import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import type { Db } from '../../db/connection';
import { findDirectoryUser, findUser, type User } from '../../db/directory-repository';
import type { Config } from '../../runtime/config';
import { HttpError } from '../http/errors';
import { userFromClaims } from './provisioning';

export interface Authenticator {
  /** Dev mode only: a signed token for a seeded user. */
  issueDevToken(username: string): Promise<{ token: string; expiresAt: string }>;
  /** Verifies a bearer token and returns its user. */
  verify(token: string): Promise<User>;
}

const DEV_ISSUER = 'govshare-dev';
const DEV_AUDIENCE = 'govshare';

/** A token lives at most `seconds` (exp − iat, or exp − now without iat); a longer one is refused. */
function boundedLifetime(payload: JWTPayload, seconds: number): void {
  const from = payload.iat ?? Math.floor(Date.now() / 1000);
  if ((payload.exp as number) - from > seconds)
    throw new Error(`the token lives longer than the ${seconds} s allowed`);
}

async function discoverJwksUrl(issuer: string): Promise<URL> {
  const res = await fetch(
    new URL('.well-known/openid-configuration', issuer.endsWith('/') ? issuer : `${issuer}/`),
  );
  if (!res.ok) throw new Error(`OIDC discovery at ${issuer} answered ${res.status}`);
  const meta = (await res.json()) as { jwks_uri?: string };
  if (!meta.jwks_uri) throw new Error(`OIDC discovery at ${issuer} has no jwks_uri`);
  return new URL(meta.jwks_uri);
}

export function createAuthenticator(auth: Config['auth'], db: Db): Authenticator {
  const userOf = async (username: unknown): Promise<User> => {
    if (typeof username !== 'string' || !username)
      throw new HttpError(401, 'invalid_token', 'The token names no user.');
    const user = await findUser(db, username);
    if (user) return user;
    if (await findDirectoryUser(db, username))
      throw new HttpError(
        403,
        'user_inactive',
        `The account "${username}" is deactivated; ask an administrator.`,
      );
    throw new HttpError(
      403,
      'unknown_user',
      `User "${username}" is not registered in govshare; ask an administrator to add them.`,
    );
  };

  if (auth.mode === 'dev') {
    const secret = new TextEncoder().encode(auth.jwtSecret);
    return {
      async issueDevToken(username) {
        const user = await findUser(db, username);
        if (!user)
          throw new HttpError(
            404,
            'unknown_user',
            `No demo user "${username}"; GET /api/auth/dev-users lists them.`,
          );
        const exp = Math.floor(Date.now() / 1000) + auth.ttlSeconds;
        const token = await new SignJWT({ preferred_username: user.username })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject(user.username)
          .setIssuer(DEV_ISSUER)
          .setAudience(DEV_AUDIENCE)
          .setIssuedAt()
          .setExpirationTime(exp)
          .sign(secret);
        return { token, expiresAt: new Date(exp * 1000).toISOString() };
      },
      async verify(token) {
        let payload: JWTPayload;
        try {
          ({ payload } = await jwtVerify(token, secret, {
            issuer: DEV_ISSUER,
            audience: DEV_AUDIENCE,
            algorithms: ['HS256'],
            requiredClaims: ['exp', 'iat'],
          }));
          boundedLifetime(payload, auth.ttlSeconds);
        } catch (err) {
          throw new HttpError(
            401,
            'invalid_token',
            `The token was refused: ${(err as Error).message}. Sign in again.`,
          );
        }
        return userOf(payload.sub);
      },
    };
  }

  let jwks: ReturnType<typeof createRemoteJWKSet> | undefined;
  const getJwks = async () => {
    jwks ??= createRemoteJWKSet(auth.jwksUrl ? new URL(auth.jwksUrl) : await discoverJwksUrl(auth.issuer));
    return jwks;
  };
  return {
    async issueDevToken() {
      throw new HttpError(
        404,
        'not_found',
        'Dev sign-in is off (AUTH_MODE=oidc); sign in with your organisation.',
      );
    },
    async verify(token) {
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, await getJwks(), {
          issuer: auth.issuer,
          audience: auth.audience,
          requiredClaims: ['exp'],
        }));
        boundedLifetime(payload, auth.maxLifetimeSeconds);
      } catch (err) {
        if (err instanceof HttpError) throw err;
        throw new HttpError(
          401,
          'invalid_token',
          `The token was refused: ${(err as Error).message}. Sign in again.`,
        );
      }
      return userFromClaims(db, auth, payload);
    },
  };
}

/** Sets req.user when a bearer token is sent; a bad token is a 401 even on public routes that do not need one. */
export function authenticate(authenticator: Authenticator): RequestHandler {
  return async (req, _res, next) => {
    const header = req.headers.authorization;
    if (!header) return next();
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match)
      return next(new HttpError(401, 'invalid_token', 'Send the token as "Authorization: Bearer <token>".'));
    try {
      req.user = await authenticator.verify(match[1]);
      next();
    } catch (err) {
      next(err);
    }
  };
}
