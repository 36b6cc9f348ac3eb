/**
 * `npm run cluster` itself, as a newcomer runs it: it sets up its own Temporal
 * cluster on PostgreSQL, seeds the demo city, starts two workers and two APIs,
 * prints where they are; a request filed through one API is routed to the
 * provider; Ctrl-C stops every process it started, the cluster's included.
 * It runs on its own ports and databases, beside any cluster a developer runs.
 * With GOVSHARE_CLUSTER_TLS=1 it does the same on mutual TLS, its frontend
 * refuses a client that presents no certificate, and the certificates and their
 * keys are gone once it has stopped.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { createTestDb, type TestDb } from '../../scripts/harness/databases';
import { dropClusterDatabases, freeFrontendPort, portFree } from '../../scripts/harness/temporal-cluster';
import { portAnswers } from '../../scripts/port-answers';
import { postgresLogin } from '../../scripts/provision';
import { insuranceRequest } from '../support/http-cases';
import { waitFor } from '../support/wait';

const ROOT = path.resolve(__dirname, '..', '..');
/** Each run's command, its Temporal database and govshare's, for the teardown. */
const runs: { run?: ChildProcess; database: string; t?: TestDb; tlsDir?: string }[] = [];

/**
 * Two consecutive free ports for the two APIs, below the range the system hands out to
 * outgoing connections (from 32,768), so neither is taken by one while the command starts.
 */
async function freePortPair(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const port = 10_000 + Math.floor(Math.random() * 9_000);
    if ((await portFree(port)) && (await portFree(port + 1))) return port;
  }
  throw new Error('no two consecutive free ports for the APIs');
}

afterAll(async () => {
  for (const { run, database, t, tlsDir } of runs) {
    if (run && run.exitCode === null) {
      run.kill('SIGINT');
      await new Promise((r) => run.once('exit', r));
    }
    await dropClusterDatabases(
      process.env.GOVSHARE_TEMPORAL_SQL_TOOL!,
      postgresLogin(process.env.TEST_POSTGRES_URL!),
      database,
    );
    await t?.drop();
    if (tlsDir) fs.rmSync(tlsDir, { recursive: true, force: true });
  }
}, 240_000);

async function runsTheCluster(tls: boolean): Promise<void> {
  const name = tls ? 'npm-run-cluster-tls' : 'npm-run-cluster';
  const mine: (typeof runs)[number] = {
    database: `temporal_t_${randomUUID().replace(/-/g, '').slice(0, 12)}`,
    // Where the command makes its certificates: beside its log folder.
    ...(tls ? { tlsDir: path.join(ROOT, 'test-output', 'cluster', name, 'tls') } : {}),
  };
  runs.push(mine);
  let output = '';
  const t = (mine.t = await createTestDb('mysql', { migrate: false }));
  const [frontendPort, apiPort] = [await freeFrontendPort(), await freePortPair()];
  const run = (mine.run = spawn(process.execPath, ['--import', 'tsx', 'scripts/cluster.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      DATABASE_URL: t.location,
      PORT: String(apiPort),
      TEMPORAL_CLUSTER_FRONTEND_PORT: String(frontendPort),
      TEMPORAL_CLUSTER_DB: mine.database,
      TEMPORAL_CLUSTER_LOG_DIR: path.join('test-output', 'cluster', name, 'logs'),
      GOVSHARE_CLUSTER_TLS: tls ? '1' : '0',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  }));
  run.stdout!.on('data', (b: Buffer) => (output += b.toString()));
  run.stderr!.on('data', (b: Buffer) => (output += b.toString()));
  const running = `govshare is running on a Temporal cluster${tls ? ' on mutual TLS' : ''}: 2 worker(s), 2 API(s).`;
  await waitFor(
    'npm run cluster to say it is running',
    async () => {
      if (run.exitCode !== null) throw new Error(`npm run cluster exited (${run.exitCode}):\n${output}`);
      return output.includes(running);
    },
    240_000,
  );
  const bases = [`http://localhost:${apiPort}`, `http://localhost:${apiPort + 1}`];
  expect(output).toContain(`${bases[1]}/`);
  expect(output).toContain(`127.0.0.1:${frontendPort} (namespace default`);
  expect(output).not.toMatch(/temporal:temporal@|PASSWORD=/i);
  for (const base of bases) expect((await fetch(`${base}/healthz`)).status).toBe(200);

  const signIn = await fetch(`${bases[1]}/api/auth/dev-login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'zhangwei' }),
  });
  const { token } = (await signIn.json()) as { token: string };
  const filed = await fetch(`${bases[0]}/api/requests`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${token}`,
      'Idempotency-Key': randomUUID(),
    },
    body: JSON.stringify(insuranceRequest()),
  });
  expect(filed.status).toBe(201);
  expect(await filed.json()).toMatchObject({
    status: 'provider_review',
    currentTask: { step: 'provider_review' },
  });

  if (tls) {
    // Its frontend lets in only certificates from govshare's client CA: a plain client is refused.
    const plain = await Connection.connect({ address: `127.0.0.1:${frontendPort}`, connectTimeout: '5s' })
      .then(async (c) => {
        try {
          await c.workflowService.getSystemInfo({});
          return 'let in';
        } finally {
          await c.close();
        }
      })
      .catch(() => 'refused');
    expect(plain).toBe('refused');
  }

  run.kill('SIGINT');
  const code = await new Promise<number | null>((r) => run.once('exit', (c) => r(c)));
  expect(code).toBe(0);
  expect(output).toContain('stopping the Temporal cluster');
  for (const port of [frontendPort, frontendPort + 1, frontendPort + 2, apiPort, apiPort + 1])
    expect(await portAnswers('127.0.0.1', port)).toBe(false);
  // The certificates were made for this run: their private keys do not outlive it.
  if (mine.tlsDir) expect(fs.existsSync(mine.tlsDir)).toBe(false);
}

it('runs the cluster, two workers and two APIs, serves a request, and stops everything on Ctrl-C', () =>
  runsTheCluster(false));

it('does the same on mutual TLS with GOVSHARE_CLUSTER_TLS=1, and its frontend refuses a client without a certificate', () =>
  runsTheCluster(true));
