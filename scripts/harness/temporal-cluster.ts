/**
 * A real Temporal cluster on this machine: the server built from its Go module
 * (scripts/provision), PostgreSQL as persistence and SQL visibility, and each of
 * its services (history, matching, frontend, worker) as a process of its own,
 * configured from temporal-config/cluster/. `npm run cluster` runs one; the cluster
 * tests run theirs on other ports and databases, and stop, kill or restart a service.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Connection, type TLSConfig } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import cluster from '../../temporal-config/cluster/cluster.json';
import searchAttributes from '../../temporal-config/search-attributes.json';
import { portAnswers } from '../port-answers';
import { postgresLogin, type PostgresLogin, type TemporalServerTools } from '../provision';
import { tracking } from './leftovers';
import { INDEXED_VALUE_TYPE } from './servers';
import { stopChild } from '../stop-child';
import {
  FRONTEND_NAME,
  govshareClientEnv,
  makeClusterCertificates,
  type ClusterCertificates,
} from './cluster-certificates';

export type TemporalService = 'history' | 'matching' | 'frontend' | 'worker';
export const SERVICES = cluster.services as TemporalService[];

const ROOT = path.resolve(__dirname, '..', '..');
const CONFIG_DIR = path.join(ROOT, 'temporal-config', 'cluster', 'config');

/**
 * Ports from the frontend's gRPC port, as config/cluster.yaml lays them out: each service's
 * gRPC port, its membership port 300 below, the frontend's HTTP API, and one metrics port a
 * service (the harness gives each process its own).
 */
const PORT_OFFSETS = {
  grpc: { frontend: 0, history: 1, matching: 2, worker: 6 },
  membership: { frontend: -300, history: -299, matching: -298, worker: -294 },
  http: 10,
  metrics: 20,
} as const;

export interface ClusterOptions {
  tools: TemporalServerTools;
  postgres: PostgresLogin;
  /** The frontend's gRPC port; the other services' ports follow from it (cluster.yaml). */
  frontendPort: number;
  /** Persistence database; visibility is `<database>_visibility`. */
  database: string;
  /** Where each service's log goes (`<service>.log`). */
  logDir: string;
  /** Drop both databases and the logs before starting (tests start from nothing). */
  fresh?: boolean;
  logLevel?: string;
  say?: (line: string) => void;
  /** Mutual TLS on the frontend and between the services, with these certificates. */
  tls?: ClusterCertificates;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** gRPC status codes the setup meets. */
const ALREADY_EXISTS = 6;

function grpcCode(err: unknown): number | undefined {
  return (err as { code?: number }).code;
}

/**
 * Runs temporal-sql-tool on one database; the login goes only through its environment
 * (SQL_*), never on its command line.
 */
function runSqlTool(
  sqlTool: string,
  pg: PostgresLogin,
  database: string,
  args: string[],
): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(sqlTool, ['--plugin', cluster.postgres.plugin, ...args], {
      cwd: ROOT,
      env: {
        ...process.env,
        SQL_HOST: pg.host,
        SQL_PORT: String(pg.port),
        SQL_USER: pg.user,
        SQL_PASSWORD: pg.password,
        SQL_DATABASE: database,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr.on('data', (b: Buffer) => (output += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Drops a cluster's persistence database and its `_visibility` one. */
export async function dropClusterDatabases(
  sqlTool: string,
  pg: PostgresLogin,
  database: string,
): Promise<void> {
  for (const db of [database, `${database}_visibility`])
    await runSqlTool(sqlTool, pg, db, ['drop-database', '--force']);
}

export class TemporalCluster {
  readonly address: string;
  readonly namespace = cluster.namespace;
  private readonly processes = new Map<TemporalService, ChildProcess>();
  private readonly say: (line: string) => void;

  private constructor(private readonly opts: ClusterOptions) {
    this.address = `127.0.0.1:${opts.frontendPort}`;
    this.say = opts.say ?? (() => undefined);
  }

  /** Sets up the databases, starts every service, registers the namespace and search attributes. */
  static async start(opts: ClusterOptions): Promise<TemporalCluster> {
    const c = new TemporalCluster(opts);
    if (opts.fresh) fs.rmSync(opts.logDir, { recursive: true, force: true });
    fs.mkdirSync(opts.logDir, { recursive: true });
    await c.setUpDatabases();
    // One at a time: services starting together on a fresh database race to write the
    // cluster's metadata, and the loser exits ("SaveClusterMetadata encountered version mismatch").
    try {
      for (const service of SERVICES) {
        c.startService(service);
        await c.serving(service);
      }
      await c.registerNamespace();
    } catch (err) {
      await c.stop();
      // A test's own databases go with its failed start; a city's stay for the next try.
      if (opts.fresh) await c.dropDatabases();
      throw err;
    }
    return c;
  }

  /** How govshare's processes reach the frontend: with its client certificate when the cluster is on mTLS. */
  get tls(): TLSConfig | undefined {
    const t = this.opts.tls;
    return t
      ? {
          clientCertPair: { crt: fs.readFileSync(t.govshare.cert), key: fs.readFileSync(t.govshare.key) },
          serverRootCACertificate: fs.readFileSync(t.clusterCa),
          serverNameOverride: FRONTEND_NAME,
        }
      : undefined;
  }

  /** The settings of a govshare process that connects to this cluster (runtime/config.ts). */
  get clientEnv(): NodeJS.ProcessEnv {
    return this.opts.tls ? govshareClientEnv(this.opts.tls) : {};
  }

  get visibilityDatabase(): string {
    return `${this.opts.database}_visibility`;
  }

  /** The environment cluster.yaml is filled from; the password goes only through it, never on a command line. */
  private serviceEnv(service?: TemporalService): NodeJS.ProcessEnv {
    const pg = this.opts.postgres;
    return {
      ...process.env,
      TEMPORAL_CLUSTER_PG_HOST: pg.host,
      TEMPORAL_CLUSTER_PG_PORT: String(pg.port),
      TEMPORAL_CLUSTER_PG_USER: pg.user,
      TEMPORAL_CLUSTER_PG_PASSWORD: pg.password,
      TEMPORAL_CLUSTER_DB: this.opts.database,
      TEMPORAL_CLUSTER_VISIBILITY_DB: this.visibilityDatabase,
      TEMPORAL_CLUSTER_FRONTEND_PORT: String(this.opts.frontendPort),
      TEMPORAL_CLUSTER_LOG_LEVEL: this.opts.logLevel ?? 'warn',
      TEMPORAL_CLUSTER_DYNAMIC_CONFIG: path.join(CONFIG_DIR, 'dynamicconfig.yaml'),
      ...(this.opts.tls
        ? { TEMPORAL_CLUSTER_TLS_DIR: this.opts.tls.dir, TEMPORAL_CLUSTER_TLS_SERVER_NAME: FRONTEND_NAME }
        : {}),
      ...(service
        ? {
            TEMPORAL_CLUSTER_METRICS_ADDRESS: `127.0.0.1:${this.opts.frontendPort + PORT_OFFSETS.metrics + SERVICES.indexOf(service)}`,
          }
        : {}),
    };
  }

  private sqlTool(database: string, args: string[]): Promise<{ code: number; output: string }> {
    return runSqlTool(this.opts.tools.sqlTool, this.opts.postgres, database, args);
  }

  /**
   * Creates each database and brings its schema to the version the server carries. Every
   * step of temporal-sql-tool is idempotent (an existing database is kept, setup-schema
   * skips a database already past 0.0, update-schema applies only what is missing), so a
   * restart changes nothing.
   */
  private async setUpDatabases(): Promise<void> {
    const stores: [string, string][] = [
      [this.opts.database, 'postgresql/v12/temporal'],
      [this.visibilityDatabase, 'postgresql/v12/visibility'],
    ];
    for (const [database, schema] of stores) {
      if (this.opts.fresh) await this.sqlTool(database, ['drop-database', '--force']);
      for (const step of [
        ['create-database'],
        ['setup-schema', '-v', '0.0'],
        ['update-schema', '--schema-name', schema],
      ]) {
        const r = await this.sqlTool(database, step);
        if (r.code !== 0) throw new Error(`temporal-sql-tool ${step[0]} ${database}:\n${r.output}`);
      }
    }
    this.say(
      `cluster: the PostgreSQL databases ${this.opts.database} and ${this.visibilityDatabase} are set up and current`,
    );
  }

  /** Starts one service as its own process, its output in `<logDir>/<service>.log`. */
  startService(service: TemporalService): void {
    const log = fs.openSync(path.join(this.opts.logDir, `${service}.log`), 'a');
    const child = spawn(
      this.opts.tools.server,
      [
        '--root',
        ROOT,
        '--config',
        path.relative(ROOT, CONFIG_DIR),
        '--env',
        'cluster',
        '--allow-no-auth',
        'start',
        '--service',
        service,
      ],
      { cwd: ROOT, env: this.serviceEnv(service), stdio: ['ignore', log, log] },
    );
    fs.closeSync(log);
    this.processes.set(service, child);
  }

  /**
   * The port that answers once a service is up (cluster.yaml lays them out from the
   * frontend's): its gRPC port, or for the worker service, which serves no gRPC, its membership port.
   */
  port(service: TemporalService): number {
    const offsets = service === 'worker' ? PORT_OFFSETS.membership : PORT_OFFSETS.grpc;
    return this.opts.frontendPort + offsets[service];
  }

  /** Waits until a service's port answers; fails at once, naming its log, if it exits. */
  async serving(service: TemporalService, seconds = 60): Promise<void> {
    const deadline = Date.now() + seconds * 1000;
    while (Date.now() < deadline) {
      this.assertRunning();
      if (await portAnswers('127.0.0.1', this.port(service))) return;
      await sleep(200);
    }
    throw new Error(
      `the Temporal ${service} service did not answer on ${this.port(service)} within ${seconds} s; see ${this.logOf(service)}`,
    );
  }

  private logOf(service: TemporalService): string {
    return path.join(this.opts.logDir, `${service}.log`);
  }

  /** Throws, naming its log, when a service that should run has exited. */
  assertRunning(): void {
    for (const [service, child] of this.processes)
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(
          `the Temporal ${service} service exited (${child.signalCode ?? `code ${child.exitCode}`}); see ${this.logOf(service)}`,
        );
  }

  /** The process of a running service (its pid for a test that kills it). */
  process(service: TemporalService): ChildProcess | undefined {
    return this.processes.get(service);
  }

  /** Stops a service: SIGTERM, then SIGKILL after 15 s. */
  async stopService(service: TemporalService, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.processes.get(service);
    this.processes.delete(service);
    if (child) await stopChild(child, { graceMs: 15_000, signal });
  }

  async restartService(service: TemporalService): Promise<void> {
    await this.stopService(service);
    this.startService(service);
  }

  /** Stops every service, frontend first. */
  async stop(): Promise<void> {
    for (const service of ['frontend', 'worker', 'matching', 'history'] as TemporalService[])
      await this.stopService(service);
  }

  /** Drops both databases (tests clean up after themselves). */
  dropDatabases(): Promise<void> {
    return dropClusterDatabases(this.opts.tools.sqlTool, this.opts.postgres, this.opts.database);
  }

  /**
   * Registers the namespace and govshare's search attributes once, then waits until a
   * visibility query on them answers: every service has then loaded both.
   */
  private async registerNamespace(): Promise<void> {
    const deadline = Date.now() + 120_000;
    let connection: Connection | undefined;
    let lastError: unknown;
    while (Date.now() < deadline) {
      try {
        connection ??= await Connection.connect({
          address: this.address,
          tls: this.tls,
          connectTimeout: '2s',
        });
        await connection.workflowService
          .registerNamespace({
            namespace: this.namespace,
            workflowExecutionRetentionPeriod: msToTs(`${cluster.retentionDays} days`),
          })
          .catch((err: unknown) => {
            if (grpcCode(err) !== ALREADY_EXISTS) throw err;
          });
        const existing = await connection.operatorService.listSearchAttributes({ namespace: this.namespace });
        const missing = searchAttributes.attributes.filter((a) => !(a.name in existing.customAttributes));
        if (missing.length > 0)
          await connection.operatorService.addSearchAttributes({
            namespace: this.namespace,
            searchAttributes: Object.fromEntries(missing.map((a) => [a.name, INDEXED_VALUE_TYPE[a.type]])),
          });
        await connection.workflowService.countWorkflowExecutions({
          namespace: this.namespace,
          query: searchAttributes.attributes.map((a) => `${a.name} IS NULL`).join(' AND '),
        });
        this.say(
          `cluster: namespace ${this.namespace} and its search attributes are ready on ${this.address}`,
        );
        await connection.close();
        return;
      } catch (err) {
        lastError = err;
        this.assertRunning();
        await sleep(1000);
      }
    }
    await connection?.close();
    throw new Error(
      `the Temporal cluster on ${this.address} was not ready within 120 s: ${(lastError as Error)?.message}; logs in ${this.opts.logDir}`,
    );
  }
}

/** Whether nothing listens on a local port. */
export function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** A frontend port whose whole block (membership 300 below, gRPC, HTTP and metrics above) is free. */
export async function freeFrontendPort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    // Below 32,768 with its membership ports: Temporal stores those as a SQL smallint.
    const base = 20_300 + Math.floor(Math.random() * 240) * 50;
    const block = [
      ...Object.values(PORT_OFFSETS.grpc),
      ...Object.values(PORT_OFFSETS.membership),
      PORT_OFFSETS.http,
      ...SERVICES.map((_, i) => PORT_OFFSETS.metrics + i),
    ].map((d) => base + d);
    if ((await Promise.all(block.map(portFree))).every(Boolean)) return base;
  }
  throw new Error('no free block of ports for a Temporal cluster');
}

function requiredTool(env: string | undefined, what: string): string {
  if (!env || !fs.existsSync(env))
    throw new Error(
      `${what} not found: run the cluster tests with 'npm run test:cluster', which provisions it.`,
    );
  return env;
}

/**
 * A cluster of a test's own: its own ports and PostgreSQL databases (dropped by
 * `teardown`), from what `npm run test:cluster` provisioned (the GOVSHARE_TEMPORAL_SERVER,
 * GOVSHARE_TEMPORAL_SQL_TOOL and TEST_POSTGRES_URL it sets).
 */
export async function startTestCluster(
  name: string,
  opts: { tls?: boolean } = {},
): Promise<TemporalCluster & { teardown(): Promise<void> }> {
  const pgUrl = process.env.TEST_POSTGRES_URL;
  if (!pgUrl)
    throw new Error("TEST_POSTGRES_URL is not set: run the cluster tests with 'npm run test:cluster'.");
  const logDir = path.join(ROOT, 'test-output', 'cluster', name);
  const tlsDir = path.join(ROOT, 'test-output', 'cluster', `${name}-tls`);
  fs.rmSync(tlsDir, { recursive: true, force: true });
  const c = await TemporalCluster.start({
    ...(opts.tls
      ? { tls: makeClusterCertificates(requiredTool(process.env.GOVSHARE_OPENSSL, 'openssl'), tlsDir) }
      : {}),
    tools: {
      server: requiredTool(process.env.GOVSHARE_TEMPORAL_SERVER, 'The Temporal server'),
      sqlTool: requiredTool(process.env.GOVSHARE_TEMPORAL_SQL_TOOL, 'temporal-sql-tool'),
    },
    postgres: postgresLogin(pgUrl),
    frontendPort: await freeFrontendPort(),
    database: `temporal_t_${randomUUID().replace(/-/g, '').slice(0, 12)}`,
    logDir,
    fresh: true,
  });
  return Object.assign(c, {
    teardown: tracking(`the Temporal cluster ${name} and its databases`, async () => {
      await c.stop();
      await c.dropDatabases();
      fs.rmSync(tlsDir, { recursive: true, force: true });
    }),
  });
}
