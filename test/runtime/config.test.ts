import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, devJwtSecret, isLoopback, parseConfig } from '../../runtime/config';
import { temporalTlsOptions } from '../../runtime/temporal-connection';

describe('configuration from the environment', () => {
  it('defaults to the embedded SQLite file, dev sign-in, port 3000 and a local Temporal', () => {
    const c = parseConfig({});
    expect(c.port).toBe(3000);
    expect(c.database.client).toBe('better-sqlite3');
    expect(c.auth.mode).toBe('dev');
    expect(c.temporal).toMatchObject({
      address: 'localhost:7233',
      namespace: 'default',
      taskQueue: 'govshare',
    });
    // Two workflow threads: one could not keep two cores busy replaying cases after an outage.
    expect(c.worker).toEqual({
      maxCachedWorkflows: 400,
      maxConcurrentActivities: 100,
      heapMiB: 384,
      workflowThreads: 2,
    });
  });

  it('uses MySQL/MariaDB when DATABASE_URL is set', () => {
    expect(parseConfig({ DATABASE_URL: 'mysql://u:p@db:3306/govshare' }).database).toMatchObject({
      client: 'mysql2',
    });
  });

  it.each([
    [{ PORT: 'abc' }, /^Invalid configuration: PORT must be .* \(got "abc"\)$/],
    [
      { DATABASE_URL: 'postgres://x/y' },
      /^Invalid configuration: DATABASE_URL must be a mysql:\/\/user:password@host:port\/database URL/,
    ],
    [{ AUTH_MODE: 'ldap' }, /^Invalid configuration: AUTH_MODE must be .*"dev".*"oidc"/],
    [{ AUTH_MODE: 'oidc' }, /^Invalid configuration: OIDC_ISSUER must be required when AUTH_MODE=oidc/],
    [{ TEMPORAL_ADDRESS: 'http://x' }, /^Invalid configuration: TEMPORAL_ADDRESS must be host:port/],
    [{ JWT_SECRET: 'short' }, /^Invalid configuration: JWT_SECRET must be at least 32 characters/],
    [
      { OIDC_ROLE_MAP: 'reviewers=overlord' },
      /^Invalid configuration: OIDC_ROLE_MAP must be "reviewers=overlord" must be group=role/,
    ],
    [
      { WORKER_WORKFLOW_THREADS: '0' },
      /^Invalid configuration: WORKER_WORKFLOW_THREADS must be .*>=1 \(got "0"\)$/,
    ],
    [{ BOOTSTRAP_ADMIN: 'li ming' }, /^Invalid configuration: BOOTSTRAP_ADMIN must be a username/],
    [{ NODE_ENV: 'production' }, /^Invalid configuration: AUTH_MODE must be "oidc" in production/],
    [
      {
        NODE_ENV: 'production',
        AUTH_MODE: 'oidc',
        OIDC_ISSUER: 'https://sso.example.gov.cn',
        OIDC_AUDIENCE: 'g',
      },
      /^Invalid configuration: AUDIT_SIGNING_KEY must be the path of the SM2 key that signs the log checkpoints/,
    ],
  ])('refuses %j with one line naming the variable', (env, message) => {
    let error: unknown;
    try {
      parseConfig(env as NodeJS.ProcessEnv);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });
});

it('never echoes a secret it refuses: the message goes to logs', () => {
  for (const env of [
    { JWT_SECRET: 'hunter2-short' },
    { DATABASE_URL: 'postgres://govshare:hunter2-short@db/govshare' },
    { TEMPORAL_API_KEY: '' },
    {
      NOTICE_WEBHOOK_URL: 'https://im.example.gov.cn/hook?token=hunter2',
      NOTICE_WEBHOOK_SECRET: 'hunter2-short',
    },
    { NOTICE_WEBHOOK_URL: 'ftp://hunter2@im.example.gov.cn/hook' },
    { SMTP_URL: 'imap://notices:hunter2@mail.example.gov.cn' },
  ]) {
    let message = '';
    try {
      parseConfig(env as NodeJS.ProcessEnv);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^Invalid configuration: /);
    expect(message).not.toContain('hunter2');
  }
});

describe('notice delivery', () => {
  it('stays in the app unless a webhook is set, and a webhook needs its signing secret', () => {
    expect(parseConfig({}).notices).toEqual({ webhook: undefined, email: undefined, publicUrl: undefined });
    expect(() => parseConfig({ SMTP_URL: 'smtp://mail.example.gov.cn:25' })).toThrow(
      /^Invalid configuration: SMTP_FROM must be set with SMTP_URL/,
    );
    expect(
      parseConfig({ SMTP_URL: 'smtps://n:p@mail.example.gov.cn', SMTP_FROM: '平台 <noreply@example.gov.cn>' })
        .notices.email,
    ).toEqual({ smtpUrl: 'smtps://n:p@mail.example.gov.cn', from: '平台 <noreply@example.gov.cn>' });
    expect(() => parseConfig({ NOTICE_WEBHOOK_URL: 'https://im.example.gov.cn/hook' })).toThrow(
      /^Invalid configuration: NOTICE_WEBHOOK_SECRET must be set with NOTICE_WEBHOOK_URL/,
    );
    const secret = 'x'.repeat(32);
    expect(
      parseConfig({
        NOTICE_WEBHOOK_URL: 'https://im.example.gov.cn/hook',
        NOTICE_WEBHOOK_SECRET: secret,
        PUBLIC_URL: 'https://share.example.gov.cn/',
      }).notices,
    ).toEqual({
      webhook: { url: 'https://im.example.gov.cn/hook', secret },
      email: undefined,
      publicUrl: 'https://share.example.gov.cn',
    });
  });
});

describe('TRUST_PROXY', () => {
  it('trusts no proxy unless told, and takes a comma-separated list', () => {
    expect(parseConfig({}).trustProxy).toEqual([]);
    expect(parseConfig({ TRUST_PROXY: '10.0.0.0/8, loopback' }).trustProxy).toEqual([
      '10.0.0.0/8',
      'loopback',
    ]);
    expect(() => parseConfig({ TRUST_PROXY: 'everyone!' })).toThrow(/TRUST_PROXY must be/);
  });
});

describe('HOST', () => {
  it('listens on loopback under dev sign-in and on every interface under OIDC, unless HOST says otherwise', () => {
    expect(parseConfig({}).host).toBe('127.0.0.1');
    const oidc = {
      AUTH_MODE: 'oidc',
      OIDC_ISSUER: 'https://sso.example.gov.cn/realms/gov',
      OIDC_AUDIENCE: 'govshare',
    };
    expect(parseConfig(oidc).host).toBe('0.0.0.0');
    expect(parseConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(() => parseConfig({ HOST: 'http://x' })).toThrow(/HOST must be/);
    expect(isLoopback('127.0.0.1') && isLoopback('::1') && !isLoopback('0.0.0.0')).toBe(true);
  });
});

describe('the dev signing secret', () => {
  it('is random per data folder, kept there for its owner only, and used when JWT_SECRET is unset', () => {
    const a = fs.mkdtempSync(path.join(os.tmpdir(), 'govshare-secret-'));
    const b = fs.mkdtempSync(path.join(os.tmpdir(), 'govshare-secret-'));
    const first = devJwtSecret(a);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(devJwtSecret(a)).toBe(first);
    expect(devJwtSecret(b)).not.toBe(first);
    expect(fs.statSync(path.join(a, 'dev-jwt-secret')).mode & 0o777).toBe(0o600);
    const config = parseConfig({ SQLITE_FILE: path.join(a, 'govshare.sqlite') });
    expect(config.auth).toMatchObject({ mode: 'dev', jwtSecret: first });
    expect(
      parseConfig({ SQLITE_FILE: path.join(a, 'x.sqlite'), JWT_SECRET: 'y'.repeat(40) }).auth,
    ).toMatchObject({
      jwtSecret: 'y'.repeat(40),
    });
    for (const dir of [a, b]) fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('TLS to the Temporal cluster', () => {
  it('presents the client certificate and trusts the cluster CA and server name it is given', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govshare-tls-'));
    for (const f of ['client.pem', 'client.key', 'ca.pem']) fs.writeFileSync(path.join(dir, f), `-- ${f} --`);
    const config = parseConfig({
      TEMPORAL_TLS_CERT: path.join(dir, 'client.pem'),
      TEMPORAL_TLS_KEY: path.join(dir, 'client.key'),
      TEMPORAL_TLS_CA: path.join(dir, 'ca.pem'),
      TEMPORAL_TLS_SERVER_NAME: 'temporal-frontend.gov.internal',
    });
    const tls = temporalTlsOptions(config.temporal) as {
      clientCertPair: { crt: Buffer; key: Buffer };
      serverRootCACertificate: Buffer;
      serverNameOverride: string;
    };
    expect(tls.clientCertPair.crt.toString()).toBe('-- client.pem --');
    expect(tls.clientCertPair.key.toString()).toBe('-- client.key --');
    expect(tls.serverRootCACertificate.toString()).toBe('-- ca.pem --');
    expect(tls.serverNameOverride).toBe('temporal-frontend.gov.internal');
    expect(temporalTlsOptions(parseConfig({}).temporal)).toBeUndefined();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
