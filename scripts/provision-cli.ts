/** `npm run provision`: installs or builds every server govshare and its tests need, then exits. */
import { ensureMariaDb, ensureTemporalCli, ensureTestServer, ProvisionError } from './provision';

(async () => {
  process.stdout.write(`Temporal CLI: ${await ensureTemporalCli()}\n`);
  process.stdout.write(`Temporal test server: ${await ensureTestServer()}\n`);
  process.stdout.write(`MariaDB for tests: ${(await ensureMariaDb()).replace(/:[^:@]*@/, ':***@')}\n`);
})().catch((err) => {
  process.stderr.write(err instanceof ProvisionError ? `${err.message}\n` : `${(err as Error).stack}\n`);
  process.exit(1);
});
