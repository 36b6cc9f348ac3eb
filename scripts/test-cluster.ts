/**
 * `npm run test:cluster`: the tests that run govshare on a real Temporal cluster
 * (test/cluster/*.cluster-test.ts). Provisions the Temporal server and its SQL tool
 * (built from the Go module), PostgreSQL, MariaDB and openssl (the mTLS test's
 * certificates), then runs those tests one file at a time: each starts a cluster
 * of its own (four service processes) and govshare's worker processes, which is
 * all two cores carry.
 * Arguments after `--` go to jest.
 */
import { exitWith, runJest } from './jest-run';
import { ensureMariaDb, ensureOpenssl, ensurePostgres, ensureTemporalServer, postgresUrl } from './provision';

async function main(): Promise<number> {
  const started = Date.now();
  const [tools, postgres, mysqlUrl, openssl] = [
    await ensureTemporalServer(),
    await ensurePostgres(),
    await ensureMariaDb(),
    await ensureOpenssl(),
  ];
  process.stdout.write(
    `provision: ready in ${Math.round((Date.now() - started) / 1000)} s (temporal-server: ${tools.server}; PostgreSQL: ${postgres.host}:${postgres.port})\n`,
  );
  return runJest(['--config', 'jest.cluster.config.js', ...process.argv.slice(2)], {
    GOVSHARE_TEMPORAL_SERVER: tools.server,
    GOVSHARE_TEMPORAL_SQL_TOOL: tools.sqlTool,
    TEST_POSTGRES_URL: postgresUrl(postgres),
    TEST_MYSQL_URL: mysqlUrl,
    GOVSHARE_OPENSSL: openssl,
  });
}

exitWith('npm run test:cluster', main());
