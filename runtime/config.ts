/**
 * Every setting comes from an environment variable, validated at start-up.
 * A wrong value stops the process with one line naming the variable and what
 * it expects (see `loadConfig`).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ROLES, type Role } from '../domain/roles';

/** The bootstrap administrator's own department when the city names none (BOOTSTRAP_ADMIN_DEPARTMENT_NAME). */
export const DEFAULT_ADMIN_DEPARTMENT_NAME = { zh: '共享平台管理', en: 'Platform administration' };

const port = z.coerce.number().int().min(1).max(65535);

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: port.default(3000),
    /**
     * The interface the API listens on. Unset: the loopback interface under dev sign-in (anyone
     * who reaches it can sign in as anyone), every interface under OIDC.
     */
    HOST: z
      .string()
      .regex(/^[A-Za-z0-9.:-]+$/, 'an address or host name, e.g. 127.0.0.1 or 0.0.0.0')
      .optional(),
    /**
     * The proxies whose X-Forwarded-For is believed, so the audit and exchange logs record the
     * client's address, not one the client chose: express's trust-proxy values (addresses,
     * CIDRs, 'loopback', 'uniquelocal'), comma-separated. Unset: none; the peer's address is recorded.
     */
    TRUST_PROXY: z
      .string()
      .regex(/^[A-Za-z0-9.:/, ]+$/, "addresses, CIDRs or 'loopback', comma-separated")
      .optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** mysql://user:pass@host:3306/db for MySQL/MariaDB; unset = the embedded SQLite file. */
    DATABASE_URL: z
      .string()
      .regex(/^mysql2?:\/\/.+\/[A-Za-z0-9_]+(\?.*)?$/, 'a mysql://user:password@host:port/database URL')
      .optional(),
    SQLITE_FILE: z.string().min(1).default(path.join('data', 'govshare.sqlite')),
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(500).default(10),
    TEMPORAL_ADDRESS: z
      .string()
      .regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, 'host:port, e.g. localhost:7233')
      .default('localhost:7233'),
    TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
    TEMPORAL_TASK_QUEUE: z.string().min(1).default('govshare'),
    /** How long the API waits for Temporal on one call (start, signal, update) before answering 503. */
    TEMPORAL_CALL_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    /** Temporal Cloud API key, or mTLS client certificate and key (PEM file paths). */
    TEMPORAL_API_KEY: z.string().min(1).optional(),
    TEMPORAL_TLS_CERT: z.string().min(1).optional(),
    TEMPORAL_TLS_KEY: z.string().min(1).optional(),
    /** The cluster's CA (PEM) and the name on its certificate, when it is not from a public CA. */
    TEMPORAL_TLS_CA: z.string().min(1).optional(),
    TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
    /**
     * Workflows a worker keeps in memory between events. Cases wait days for people, so a small
     * cache costs a short replay on the next event and keeps memory bounded.
     */
    WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).max(100_000).default(400),
    /** The worker's heap cap in MiB, passed as --max-old-space-size by whatever starts it (runtime/worker-heap.ts). */
    WORKER_HEAP_MIB: z.coerce.number().int().min(128).max(65_536).default(384),
    WORKER_MAX_CONCURRENT_ACTIVITIES: z.coerce.number().int().min(1).max(10_000).default(100),
    /**
     * Threads that run workflow code. A woken case first replays its history on one of them, and
     * one thread could not keep two cores busy catching up after an outage; each thread holds its
     * own copy of the shared modules and is capped at WORKER_HEAP_MIB.
     */
    WORKER_WORKFLOW_THREADS: z.coerce.number().int().min(1).max(16).default(2),
    /**
     * The SM2 private key (PKCS#8 PEM file) that signs the logs' daily checkpoints. Required in
     * production; elsewhere one is made in the data folder on first use.
     */
    AUDIT_SIGNING_KEY: z.string().min(1).optional(),
    /** Where `npm run archive-logs` writes log rows past the retention period; unset: <data folder>/log-archives. */
    LOG_ARCHIVE_DIR: z.string().min(1).optional(),
    /** Where attached files are kept when no S3 bucket is set; unset: <data folder>/attachments. */
    ATTACHMENT_DIR: z.string().min(1).optional(),
    /** The largest file that may be attached, in bytes (default 20 MiB). */
    ATTACHMENT_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(100 * 1024 * 1024)
      .default(20 * 1024 * 1024),
    /**
     * An S3-compatible bucket to keep attached files in instead of the data folder (MinIO, Ceph,
     * a cloud's object store). Credentials come the AWS SDK's usual way (AWS_ACCESS_KEY_ID and
     * AWS_SECRET_ACCESS_KEY, or the machine's role).
     */
    ATTACHMENT_S3_BUCKET: z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
        'a bucket name (3–63 lower-case letters, digits, dots, dashes)',
      )
      .optional(),
    /** The store's address when it is not AWS, e.g. https://minio.example.gov.cn:9000 (path-style addressing). */
    ATTACHMENT_S3_ENDPOINT: z.url({ protocol: /^https?$/, message: 'an http(s) URL' }).optional(),
    ATTACHMENT_S3_REGION: z.string().min(1).default('us-east-1'),
    AUTH_MODE: z.enum(['dev', 'oidc']).default('dev'),
    /** HS256 secret for dev-mode tokens; at least 32 characters. */
    JWT_SECRET: z.string().min(32, 'at least 32 characters').optional(),
    /** Sign-ins a minute one client address may make before answers are 429. */
    SIGN_IN_RATE_LIMIT: z.coerce.number().int().min(1).max(10_000).default(30),
    JWT_TTL_SECONDS: z.coerce
      .number()
      .int()
      .min(60)
      .max(7 * 24 * 3600)
      .default(8 * 3600),
    /**
     * Where each notice is also POSTed as JSON, for a city's messaging system (OA, DingTalk or
     * WeCom bridges) to pass on to the people it names. Unset: notices stay in the app.
     */
    NOTICE_WEBHOOK_URL: z.url({ protocol: /^https?$/, message: 'an http(s) URL' }).optional(),
    /** The secret that signs each webhook delivery (HMAC-SHA256); at least 32 characters. */
    NOTICE_WEBHOOK_SECRET: z.string().min(32, 'at least 32 characters').optional(),
    /** The city's mail server, for mailing notices: smtp(s)://user:password@host:port. Unset: no e-mail. */
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/.+/, 'an smtp://user:password@host:587 or smtps://…:465 URL')
      .optional(),
    /** The sender of mailed notices, e.g. 政务数据共享平台 <noreply@share.example.gov.cn>. */
    SMTP_FROM: z.string().min(3).max(200).optional(),
    /** The address people open the app at, for the links in delivered notices, e.g. https://share.example.gov.cn. */
    PUBLIC_URL: z.url({ protocol: /^https?$/, message: 'an http(s) URL' }).optional(),
    OIDC_ISSUER: z.url({ message: 'the issuer URL, e.g. https://sso.example.gov.cn/realms/gov' }).optional(),
    OIDC_AUDIENCE: z.string().min(1).optional(),
    OIDC_JWKS_URL: z.url().optional(),
    OIDC_USERNAME_CLAIM: z.string().min(1).default('preferred_username'),
    /** The web app's client id at the issuer (a public client using the authorization-code flow with PKCE). */
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_SCOPE: z.string().min(1).default('openid profile'),
    /** The claim naming a new user's department code; set it to provision users at their first sign-in. */
    OIDC_DEPARTMENT_CLAIM: z.string().min(1).optional(),
    OIDC_NAME_CLAIM: z.string().min(1).default('name'),
    OIDC_EMAIL_CLAIM: z.string().min(1).default('email'),
    OIDC_GROUPS_CLAIM: z.string().min(1).default('groups'),
    /** The identity provider's groups as govshare roles: "group=role,group=role"; a group may be named twice. */
    OIDC_ROLE_MAP: z
      .string()
      .transform((text, ctx) => {
        const pairs: [string, Role][] = [];
        for (const part of text
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean)) {
          const at = part.lastIndexOf('=');
          const group = part.slice(0, at).trim();
          const role = part.slice(at + 1).trim();
          if (at <= 0 || !group || !(ROLES as readonly string[]).includes(role)) {
            ctx.addIssue({
              code: 'custom',
              message: `"${part}" must be group=role, with role one of ${ROLES.join(', ')}`,
            });
            return z.NEVER;
          }
          pairs.push([group, role as Role]);
        }
        return pairs;
      })
      .optional(),
    /** `npm run migrate` makes this user an administrator (created if new), idempotently. */
    BOOTSTRAP_ADMIN: z
      .string()
      .regex(/^[\p{L}\p{N}._@-]{1,64}$/u, 'a username: 1–64 letters, digits, dots, hyphens, underscores or @')
      .optional(),
    BOOTSTRAP_ADMIN_NAME: z.string().trim().min(1).max(100).optional(),
    /** The bootstrap administrator's department; made (as a city department) if the directory has none of that code. */
    BOOTSTRAP_ADMIN_DEPARTMENT: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'a department code: lowercase letters, digits, hyphens')
      .default('platform-admin'),
    BOOTSTRAP_ADMIN_DEPARTMENT_NAME: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .default(DEFAULT_ADMIN_DEPARTMENT_NAME.zh),
    /** The longest lifetime (exp − iat) of an issuer's token govshare accepts. */
    OIDC_MAX_TOKEN_LIFETIME_SECONDS: z.coerce
      .number()
      .int()
      .min(60)
      .max(7 * 24 * 3600)
      .default(12 * 3600),
  })
  .superRefine((env, ctx) => {
    if (env.AUTH_MODE === 'oidc') {
      if (!env.OIDC_ISSUER)
        ctx.addIssue({ code: 'custom', path: ['OIDC_ISSUER'], message: 'required when AUTH_MODE=oidc' });
      if (!env.OIDC_AUDIENCE)
        ctx.addIssue({ code: 'custom', path: ['OIDC_AUDIENCE'], message: 'required when AUTH_MODE=oidc' });
    }
    if (env.NOTICE_WEBHOOK_URL && !env.NOTICE_WEBHOOK_SECRET)
      ctx.addIssue({
        code: 'custom',
        path: ['NOTICE_WEBHOOK_SECRET'],
        message: 'set with NOTICE_WEBHOOK_URL, so the receiver can tell deliveries are genuine',
      });
    if (env.SMTP_URL && !env.SMTP_FROM)
      ctx.addIssue({
        code: 'custom',
        path: ['SMTP_FROM'],
        message: 'set with SMTP_URL: the sender mailed notices come from',
      });
    if (Boolean(env.TEMPORAL_TLS_CERT) !== Boolean(env.TEMPORAL_TLS_KEY)) {
      ctx.addIssue({
        code: 'custom',
        path: ['TEMPORAL_TLS_KEY'],
        message: 'TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together',
      });
    }
    if (env.NODE_ENV === 'production' && env.AUTH_MODE === 'dev') {
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_MODE'],
        message: '"oidc" in production (dev sign-in lets anyone be anyone)',
      });
    }
    if (env.NODE_ENV === 'production' && !env.AUDIT_SIGNING_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['AUDIT_SIGNING_KEY'],
        message: 'the path of the SM2 key that signs the log checkpoints, in production',
      });
    }
  });

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  port: number;
  /** The interface the API listens on. */
  host: string;
  /** Sign-ins a minute from one client address. */
  signInRateLimit: number;
  /** Proxies whose X-Forwarded-For is believed (express's 'trust proxy'); none when empty. */
  trustProxy: string[];
  logLevel: Env['LOG_LEVEL'];
  database: { client: 'mysql2'; url: string; poolMax: number } | { client: 'better-sqlite3'; file: string };
  temporal: {
    address: string;
    namespace: string;
    taskQueue: string;
    callTimeoutMs: number;
    apiKey?: string;
    tls?: { certFile: string; keyFile: string; caFile?: string; serverName?: string };
  };
  worker: {
    maxCachedWorkflows: number;
    maxConcurrentActivities: number;
    heapMiB: number;
    workflowThreads: number;
  };
  /** The key that signs log checkpoints: its file, and whether a missing one may be made. */
  logSigningKey: { file: string; create: boolean };
  /** Where archived log rows are written. */
  logArchiveDir: string;
  /** Files attached to cases: the largest allowed, and where they are kept. */
  attachments: {
    maxBytes: number;
    dir: string;
    s3?: { bucket: string; region: string; endpoint?: string };
  };
  /** Delivery of notices beyond the app: a signed webhook, when configured. */
  notices: {
    webhook?: { url: string; secret: string };
    email?: { smtpUrl: string; from: string };
    publicUrl?: string;
  };
  auth:
    | { mode: 'dev'; jwtSecret: string; ttlSeconds: number }
    | {
        mode: 'oidc';
        issuer: string;
        audience: string;
        jwksUrl?: string;
        usernameClaim: string;
        clientId: string;
        scope: string;
        maxLifetimeSeconds: number;
        /** Provisioning at first sign-in, and roles refreshed from the groups claim. */
        claims: { department?: string; name: string; email: string; groups: string };
        roleMap?: [string, Role][];
      };
  /** The first administrator `npm run migrate` makes, when BOOTSTRAP_ADMIN is set. */
  bootstrapAdmin?: { username: string; displayName: string; department: string; departmentName: string };
}

/**
 * The dev-mode signing secret when JWT_SECRET is unset: random, made once per
 * data folder (`<folder>/dev-jwt-secret`, readable by its owner only) and kept
 * there, so tokens survive a restart but no two installations share one, and
 * no secret is written in the code. Dev mode is refused in production.
 */
export function devJwtSecret(dataDir: string): string {
  const file = path.join(dataDir, 'dev-jwt-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    fs.writeFileSync(draft, randomBytes(48).toString('base64url'), { mode: 0o600 });
    try {
      fs.linkSync(draft, file); // atomic: the first writer wins, every process reads its secret
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      fs.rmSync(draft, { force: true });
    }
  }
  const secret = fs.readFileSync(file, 'utf8').trim();
  if (secret.length < 32)
    throw new ConfigError(`Invalid configuration: ${file} holds a secret shorter than 32 characters`);
  return secret;
}

export class ConfigError extends Error {}

/** Settings whose values are credentials, or may contain one. */
const SECRET_SETTINGS = new Set([
  'JWT_SECRET',
  'TEMPORAL_API_KEY',
  'DATABASE_URL',
  'NOTICE_WEBHOOK_URL',
  'NOTICE_WEBHOOK_SECRET',
  'SMTP_URL',
  'ATTACHMENT_S3_ENDPOINT',
]);

export function parseConfig(source: NodeJS.ProcessEnv): Config {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = String(issue.path[0] ?? 'environment');
    // A secret (or a URL that may carry a password) is never echoed: the message goes to logs.
    const got = SECRET_SETTINGS.has(name) ? undefined : source[name];
    throw new ConfigError(
      `Invalid configuration: ${name} must be ${issue.message.replace(/^Invalid input: /, '')}` +
        (got === undefined ? '' : ` (got ${JSON.stringify(got)})`),
    );
  }
  const e = result.data;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST ?? (e.AUTH_MODE === 'dev' ? '127.0.0.1' : '0.0.0.0'),
    signInRateLimit: e.SIGN_IN_RATE_LIMIT,
    trustProxy: (e.TRUST_PROXY ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    logLevel: e.LOG_LEVEL,
    database: e.DATABASE_URL
      ? { client: 'mysql2', url: e.DATABASE_URL, poolMax: e.DATABASE_POOL_MAX }
      : { client: 'better-sqlite3', file: path.resolve(e.SQLITE_FILE) },
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      callTimeoutMs: e.TEMPORAL_CALL_TIMEOUT_MS,
      apiKey: e.TEMPORAL_API_KEY,
      tls:
        e.TEMPORAL_TLS_CERT && e.TEMPORAL_TLS_KEY
          ? {
              certFile: e.TEMPORAL_TLS_CERT,
              keyFile: e.TEMPORAL_TLS_KEY,
              caFile: e.TEMPORAL_TLS_CA,
              serverName: e.TEMPORAL_TLS_SERVER_NAME,
            }
          : undefined,
    },
    worker: {
      maxCachedWorkflows: e.WORKER_MAX_CACHED_WORKFLOWS,
      maxConcurrentActivities: e.WORKER_MAX_CONCURRENT_ACTIVITIES,
      heapMiB: e.WORKER_HEAP_MIB,
      workflowThreads: e.WORKER_WORKFLOW_THREADS,
    },
    logSigningKey: e.AUDIT_SIGNING_KEY
      ? { file: path.resolve(e.AUDIT_SIGNING_KEY), create: false }
      : { file: path.join(path.dirname(path.resolve(e.SQLITE_FILE)), 'log-signing-key.pem'), create: true },
    logArchiveDir: path.resolve(
      e.LOG_ARCHIVE_DIR ?? path.join(path.dirname(path.resolve(e.SQLITE_FILE)), 'log-archives'),
    ),
    attachments: {
      maxBytes: e.ATTACHMENT_MAX_BYTES,
      dir: path.resolve(
        e.ATTACHMENT_DIR ?? path.join(path.dirname(path.resolve(e.SQLITE_FILE)), 'attachments'),
      ),
      s3: e.ATTACHMENT_S3_BUCKET
        ? {
            bucket: e.ATTACHMENT_S3_BUCKET,
            region: e.ATTACHMENT_S3_REGION,
            endpoint: e.ATTACHMENT_S3_ENDPOINT,
          }
        : undefined,
    },
    notices: {
      webhook:
        e.NOTICE_WEBHOOK_URL && e.NOTICE_WEBHOOK_SECRET
          ? { url: e.NOTICE_WEBHOOK_URL, secret: e.NOTICE_WEBHOOK_SECRET }
          : undefined,
      email: e.SMTP_URL && e.SMTP_FROM ? { smtpUrl: e.SMTP_URL, from: e.SMTP_FROM } : undefined,
      publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    },
    auth:
      e.AUTH_MODE === 'dev'
        ? {
            mode: 'dev',
            jwtSecret: e.JWT_SECRET ?? devJwtSecret(path.dirname(path.resolve(e.SQLITE_FILE))),
            ttlSeconds: e.JWT_TTL_SECONDS,
          }
        : {
            mode: 'oidc',
            issuer: e.OIDC_ISSUER as string,
            audience: e.OIDC_AUDIENCE as string,
            jwksUrl: e.OIDC_JWKS_URL,
            usernameClaim: e.OIDC_USERNAME_CLAIM,
            clientId: e.OIDC_CLIENT_ID ?? (e.OIDC_AUDIENCE as string),
            scope: e.OIDC_SCOPE,
            maxLifetimeSeconds: e.OIDC_MAX_TOKEN_LIFETIME_SECONDS,
            claims: {
              department: e.OIDC_DEPARTMENT_CLAIM,
              name: e.OIDC_NAME_CLAIM,
              email: e.OIDC_EMAIL_CLAIM,
              groups: e.OIDC_GROUPS_CLAIM,
            },
            roleMap: e.OIDC_ROLE_MAP,
          },
    bootstrapAdmin: e.BOOTSTRAP_ADMIN
      ? {
          username: e.BOOTSTRAP_ADMIN,
          displayName: e.BOOTSTRAP_ADMIN_NAME ?? e.BOOTSTRAP_ADMIN,
          department: e.BOOTSTRAP_ADMIN_DEPARTMENT,
          departmentName: e.BOOTSTRAP_ADMIN_DEPARTMENT_NAME,
        }
      : undefined,
  };
}

/** For process entry points: a bad setting prints one line and exits 78 (EX_CONFIG). */
export function loadConfigOrExit(): Config {
  try {
    return parseConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
}

/** Loopback addresses: only this machine reaches an API listening there. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}
