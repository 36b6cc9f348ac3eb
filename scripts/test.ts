/**
 * `npm test`: provisions the real servers the tests use (Temporal CLI, the Java
 * time-skipping server, MariaDB, Debian's Chromium), builds the web app, then
 * runs every jest test against them.
 * Arguments after `--` go to jest (e.g. `npm test -- test/domain`).
 */
import { exitWith, runJest } from './jest-run';
import { buildWebApp, ensureChromium, ensureMariaDb, ensureTemporalCli, ensureTestServer } from './provision';

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
  return runJest(process.argv.slice(2), {
    GOVSHARE_TEMPORAL_CLI: temporalCli,
    GOVSHARE_TEST_SERVER: testServer,
    TEST_MYSQL_URL: mysqlUrl,
    GOVSHARE_CHROMIUM: chromium,
  });
}

exitWith('npm test', main());
