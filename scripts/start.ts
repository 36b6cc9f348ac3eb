/**
 * `npm start`: the whole of govshare on one machine.
 * 1. validates configuration; 2. finds or builds the Temporal CLI and starts its dev
 * server (state in data/temporal.sqlite, search attributes registered) unless
 * TEMPORAL_ADDRESS points elsewhere; 3. migrates and seeds the database (SQLite
 * file by default, MySQL/MariaDB with DATABASE_URL); 4. starts the worker and the
 * API; 5. prints the URLs and demo logins. Ctrl-C stops every child cleanly.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfigOrExit } from '../runtime/config';
import { workerNodeOptions } from '../runtime/worker-heap';
import devServer from '../temporal-config/dev-server.json';
import { ChildProcesses, waitUntil } from './child-processes';
import { demoLoginLines, prepareDemoCity } from './demo-city';
import { ensureTemporalCli, ProvisionError, ROOT } from './provision';
import { devServerArgs } from './temporal-dev-server';

const say = (line: string) => process.stdout.write(`govshare: ${line}\n`);
const children = new ChildProcesses();

async function temporalAnswers(address: string): Promise<boolean> {
  const { Connection } = await import('@temporalio/client');
  const connection = await Connection.connect({ address, connectTimeout: '1s' });
  await connection.close();
  return true;
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();

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
    children.start('Temporal dev server', cli, devServerArgs({ dbFile, port: devPort, uiPort: devUiPort }));
    await waitUntil('The Temporal dev server', () => temporalAnswers(temporalAddress), 90);
  }

  const users = await prepareDemoCity(config, say);

  const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
  const env = { TEMPORAL_ADDRESS: temporalAddress };
  children.start('worker', tsx, ['runtime/worker.ts'], {
    ...env,
    NODE_OPTIONS: workerNodeOptions(config.worker.heapMiB),
  });
  children.start('API', tsx, ['runtime/api-server.ts'], env);
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
  if (config.auth.mode === 'dev') lines.push(...demoLoginLines(base, users));
  lines.push('', 'Press Ctrl-C to stop.', '');
  process.stdout.write(lines.join('\n'));
}

main().catch(async (err) => {
  process.stderr.write(
    err instanceof ProvisionError
      ? `npm start cannot run: ${err.message}\n`
      : `npm start failed: ${(err as Error).message}\n`,
  );
  await children.stopAll(1);
});
