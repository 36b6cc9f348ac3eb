/**
 * `npm run cluster`: govshare as a city runs it, on one machine.
 * 1. builds the Temporal server from its Go module (first time only) and finds or
 *    installs PostgreSQL; 2. sets up Temporal's persistence and visibility databases
 *    and starts its four services as separate processes (temporal-config/cluster/);
 * 3. migrates and seeds the MariaDB database (DATABASE_URL, else a local MariaDB);
 * 4. starts the govshare workers and APIs (two of each by default) as separate processes;
 * 5. prints the URLs and demo logins. Ctrl-C stops govshare, then the cluster.
 * State survives a restart: the databases are set up once and then only brought up to date.
 * TEMPORAL_CLUSTER_FRONTEND_PORT, TEMPORAL_CLUSTER_DB and TEMPORAL_CLUSTER_LOG_DIR run a second
 * one beside it (as its test does). GOVSHARE_CLUSTER_TLS=1 runs it on mutual TLS, as the production
 * posture does: certificates made afresh with openssl into data/cluster/tls (or beside the logs),
 * removed with their keys when it stops,
 * the frontend and the services among themselves on TLS, govshare's processes with its client
 * certificate (TEMPORAL_TLS_*).
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfigOrExit } from '../runtime/config';
import { workerNodeOptions } from '../runtime/worker-heap';
import cluster from '../temporal-config/cluster/cluster.json';
import { ChildProcesses, waitUntil } from './child-processes';
import { demoLoginLines, prepareDemoCity } from './demo-city';
import { govshareClientEnv, makeClusterCertificates } from './harness/cluster-certificates';
import { TemporalCluster } from './harness/temporal-cluster';
import {
  ensureMariaDb,
  ensureOpenssl,
  ensurePostgres,
  ensureTemporalServer,
  ProvisionError,
  ROOT,
} from './provision';

const say = (line: string) => process.stdout.write(`govshare: ${line}\n`);
let temporalCluster: TemporalCluster | undefined;
/** Where this run made its certificates (GOVSHARE_CLUSTER_TLS=1). */
let certificatesDir: string | undefined;
const children = new ChildProcesses(async () => {
  say('stopping the Temporal cluster…');
  try {
    await temporalCluster?.stop();
  } finally {
    // Made afresh at each start, so the private keys (the CAs' among them) go with the cluster,
    // even when a service did not stop cleanly.
    if (certificatesDir) {
      fs.rmSync(certificatesDir, { recursive: true, force: true });
      say(`removed the certificates and their keys from ${path.relative(ROOT, certificatesDir)}`);
    }
  }
});

/** A count from the environment (GOVSHARE_WORKERS, GOVSHARE_APIS), else cluster.json's. */
function count(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 16)
    throw new ProvisionError(`${name} must be a whole number from 1 to 16, not "${raw}"`);
  return n;
}

/** GOVSHARE_CLUSTER_TLS: 1 runs the cluster on mutual TLS, 0 or unset without. */
function tlsWanted(): boolean {
  const raw = process.env.GOVSHARE_CLUSTER_TLS;
  if (raw === undefined || raw === '' || raw === '0') return false;
  if (raw === '1') return true;
  throw new ProvisionError(`GOVSHARE_CLUSTER_TLS must be 1 (mutual TLS) or 0, not "${raw}"`);
}

async function main(): Promise<void> {
  const workers = count('GOVSHARE_WORKERS', cluster.govshare.workers);
  const apis = count('GOVSHARE_APIS', cluster.govshare.apis);
  const tls = tlsWanted();
  const frontendPort = Number(process.env.TEMPORAL_CLUSTER_FRONTEND_PORT ?? cluster.ports.frontend);

  const [tools, postgres] = [await ensureTemporalServer(), await ensurePostgres()];
  process.env.DATABASE_URL ??= `${await ensureMariaDb()}/${cluster.govshare.database}`;
  process.env.TEMPORAL_ADDRESS = `127.0.0.1:${frontendPort}`;
  const logDir = path.resolve(
    ROOT,
    process.env.TEMPORAL_CLUSTER_LOG_DIR ?? path.join('data', 'cluster', 'logs'),
  );
  const certificates = tls
    ? makeClusterCertificates(await ensureOpenssl(), path.join(path.dirname(logDir), 'tls'))
    : undefined;
  if (certificates) {
    certificatesDir = certificates.dir;
    say(`mutual TLS: certificates in ${path.relative(ROOT, certificates.dir)}`);
    // govshare's workers and APIs (children of this process) and its own connection use them.
    Object.assign(process.env, govshareClientEnv(certificates));
  }
  const config = loadConfigOrExit();

  say(
    `starting the Temporal cluster (${cluster.services.join(', ')}; logs in ${path.relative(ROOT, logDir)})…`,
  );
  temporalCluster = await TemporalCluster.start({
    tools,
    postgres,
    frontendPort,
    database: process.env.TEMPORAL_CLUSTER_DB ?? cluster.postgres.database,
    logDir,
    say,
    ...(certificates ? { tls: certificates } : {}),
  });

  const users = await prepareDemoCity(config, say);

  const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
  const workerEnv = { NODE_OPTIONS: workerNodeOptions(config.worker.heapMiB) };
  for (let i = 1; i <= workers; i += 1) children.start(`worker ${i}`, tsx, ['runtime/worker.ts'], workerEnv);
  const bases: string[] = [];
  for (let i = 0; i < apis; i += 1) {
    const port = config.port + i;
    children.start(`API ${i + 1}`, tsx, ['runtime/api-server.ts'], { PORT: String(port) });
    bases.push(`http://localhost:${port}`);
  }
  for (const base of bases)
    await waitUntil(`The API at ${base}`, async () => (await fetch(`${base}/healthz`)).ok, 90);

  const lines = [
    '',
    `govshare is running on a Temporal cluster${tls ? ' on mutual TLS' : ''}: ${workers} worker(s), ${apis} API(s).`,
    ...bases.map((base, i) => `  Web app / API ${i + 1}  ${base}/   (API docs: ${base}/api/docs)`),
    `  Temporal          ${temporalCluster.address} (namespace ${temporalCluster.namespace}; PostgreSQL ${postgres.host}:${postgres.port}, databases ${process.env.TEMPORAL_CLUSTER_DB ?? cluster.postgres.database} and ${temporalCluster.visibilityDatabase})`,
    `  Database          ${config.database.client === 'mysql2' ? config.database.url.replace(/:[^:@/]*@/, ':***@') : path.relative(ROOT, config.database.file)}`,
    '',
  ];
  if (config.auth.mode === 'dev') lines.push(...demoLoginLines(bases[0], users));
  lines.push('', 'Press Ctrl-C to stop.', '');
  process.stdout.write(lines.join('\n'));
}

main().catch(async (err) => {
  process.stderr.write(
    err instanceof ProvisionError
      ? `npm run cluster cannot run: ${err.message}\n`
      : `npm run cluster failed: ${(err as Error).message}\n`,
  );
  await children.stopAll(1);
});
