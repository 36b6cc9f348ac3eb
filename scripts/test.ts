/**
 * `npm test`: provisions the real servers the tests use (Temporal CLI, the Java
 * time-skipping server, MariaDB, Debian's Chromium), builds the web app, then
 * runs every jest test against them.
 * Arguments after `--` go to jest (e.g. `npm test -- test/domain`).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import {
  buildWebApp,
  ensureChromium,
  ensureMariaDb,
  ensureTemporalCli,
  ensureTestServer,
  ProvisionError,
  ROOT,
} from './provision';

async function main(): Promise<number> {
  const started = Date.now();
  const [temporalCli, testServer, mysqlUrl, chromium] = [
    await ensureTemporalCli(),
    await ensureTestServer(),
    await ensureMariaDb(),
    await ensureChromium(),
  ];
  await buildWebApp();
  process.stdout.write(
    `provision: ready in ${Math.round((Date.now() - started) / 1000)} s (temporal: ${temporalCli}; MariaDB: ${mysqlUrl.replace(/:[^:@]*@/, ':***@')})\n`,
  );
  const jest = path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [jest, ...process.argv.slice(2)], {
      cwd: ROOT,
      stdio: 'inherit',
      env: {
        ...process.env,
        GOVSHARE_TEMPORAL_CLI: temporalCli,
        GOVSHARE_TEST_SERVER: testServer,
        TEST_MYSQL_URL: mysqlUrl,
        GOVSHARE_CHROMIUM: chromium,
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
      },
    });
    child.on('close', (code) => resolve(code ?? 1));
  });
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(
      err instanceof ProvisionError
        ? `npm test cannot run: ${err.message}\n`
        : `npm test failed: ${(err as Error).stack}\n`,
    );
    process.exit(1);
  },
);
