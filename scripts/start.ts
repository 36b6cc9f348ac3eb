/**
 * `npm start`: the whole of govshare on one machine.
 * 1. validates configuration; 2. finds or builds the Temporal CLI and starts its dev
 * server (state in data/temporal.sqlite, search attributes registered) unless
 * TEMPORAL_ADDRESS points elsewhere; 3. migrates and seeds the database (SQLite
 * file by default, MySQL/MariaDB with DATABASE_URL); 4. starts the worker and the
 * API; 5. prints the URLs and demo logins. Ctrl-C stops every child cleanly.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createDb } from '../db/connection';
import { listUsers } from '../db/directory-repository';
import { ensureDatabaseExists } from '../db/ensure-database';
import { ROLE_NAMES } from '../domain/roles';
import { loadConfigOrExit } from '../runtime/config';
import { prepareDatabase } from '../runtime/migrate';
import devServer from '../temporal-config/dev-server.json';
import { buildWebApp, ensureTemporalCli, ProvisionError, ROOT } from './provision';
import { devServerArgs } from './temporal-dev-server';

const say = (line: string) => process.stdout.write(`govshare: ${line}\n`);
const children: { name: string; proc: ChildProcess }[] = [];
let stopping = false;

async function waitUntil(what: string, probe: () => Promise<boolean>, seconds: number): Promise<void> {
  for (let i = 0; i < seconds * 4; i += 1) {
    if (await probe().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not come up within ${seconds} s`);
}

function startChild(name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  const proc = spawn(cmd, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  children.push({ name, proc });
  proc.on('exit', (code, signal) => {
    if (!stopping) {
      say(`${name} exited unexpectedly (${signal ?? `code ${code}`}); stopping everything`);
      void stopAll(1);
    }
  });
  return proc;
}

async function stopAll(exitCode: number): Promise<never> {
  stopping = true;
  for (const { name, proc } of [...children].reverse()) {
    if (proc.exitCode !== null || proc.signalCode !== null) continue;
    proc.kill('SIGTERM');
    const exited = await Promise.race([
      new Promise<boolean>((r) => proc.once('exit', () => r(true))),
      new Promise<boolean>((r) => setTimeout(() => r(false), 10000)),
    ]);
    if (!exited) {
      say(`${name} did not stop in 10 s; killing it`);
      proc.kill('SIGKILL');
    }
  }
  process.exit(exitCode);
}

async function temporalAnswers(address: string): Promise<boolean> {
  const { Connection } = await import('@temporalio/client');
  const connection = await Connection.connect({ address, connectTimeout: '1s' });
  await connection.close();
  return true;
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  process.once('SIGINT', () => void stopAll(0));
  process.once('SIGTERM', () => void stopAll(0));

  // The dev server's ports and state file; overridable so two copies (or a test) can run side by side.
  const devPort = Number(process.env.TEMPORAL_DEV_PORT ?? devServer.port);
  const devUiPort = Number(process.env.TEMPORAL_DEV_UI_PORT ?? devServer.uiPort);
  const devDbFile = path.resolve(ROOT, process.env.TEMPORAL_DEV_DB_FILE ?? devServer.dbFile);
  const ownTemporal = !process.env.TEMPORAL_ADDRESS;
  const temporalAddress = ownTemporal ? `localhost:${devPort}` : config.temporal.address;
  if (ownTemporal && (await temporalAnswers(temporalAddress).catch(() => false))) {
    say(`a Temporal server already answers on ${temporalAddress}; using it`);
  } else if (ownTemporal) {
    const cli = await ensureTemporalCli();
    const dbFile = devDbFile;
    fs.mkdirSync(path.dirname(dbFile), { recursive: true });
    say(`starting the Temporal dev server (state in ${path.relative(ROOT, dbFile)})…`);
    startChild('Temporal dev server', cli, devServerArgs({ dbFile, port: devPort, uiPort: devUiPort }));
    await waitUntil('The Temporal dev server', () => temporalAnswers(temporalAddress), 90);
  }

  await ensureDatabaseExists(config.database);
  const db = createDb(config.database);
  await prepareDatabase(db, { demo: true, log: (l) => say(`database: ${l}`) });
  const users = await listUsers(db);
  await db.destroy();

  await buildWebApp();

  const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
  const env = { TEMPORAL_ADDRESS: temporalAddress };
  startChild('worker', tsx, ['runtime/worker.ts'], env);
  startChild('API', tsx, ['runtime/api-server.ts'], env);
  const base = `http://localhost:${config.port}`;
  await waitUntil('The API', async () => (await fetch(`${base}/healthz`)).ok, 90);

  const lines = [
    '',
    'govshare is running.',
    `  Web app      ${base}/            (sign in as a demo user below)`,
    `  API          ${base}/api`,
    `  API docs     ${base}/api/docs`,
    ownTemporal ? `  Temporal UI  http://localhost:${devUiPort}` : `  Temporal     ${temporalAddress}`,
    `  Database     ${config.database.client === 'mysql2' ? config.database.url.replace(/:[^:@/]*@/, ':***@') : path.relative(ROOT, config.database.file)}`,
    '',
  ];
  if (config.auth.mode === 'dev') {
    lines.push(
      `Demo logins (no password in dev mode): curl -X POST ${base}/api/auth/dev-login -H 'Content-Type: application/json' -d '{"username":"lina"}'`,
    );
    for (const u of users) {
      lines.push(
        `  ${u.username.padEnd(10)} ${u.displayName}  ${u.department.name}  ${u.roles.map((r) => ROLE_NAMES[r].zh).join('、')}`,
      );
    }
  }
  lines.push('', 'Press Ctrl-C to stop.', '');
  process.stdout.write(lines.join('\n'));
}

main().catch(async (err) => {
  process.stderr.write(
    err instanceof ProvisionError
      ? `npm start cannot run: ${err.message}\n`
      : `npm start failed: ${(err as Error).message}\n`,
  );
  await stopAll(1);
});
