/**
 * `npm run bench`: provisions the servers as `npm test` does, then runs each
 * benchmark, printing its table with the target beside it and writing JSON
 * under bench/results/. `npm run bench -- submission` runs one.
 */
import { ensureMariaDb, ensureTemporalCli } from '../scripts/provision';
import { catchUpBench } from './catch-up.bench';
import { inboxDashboardBench } from './inbox-dashboard.bench';
import { openCasesBench } from './open-cases.bench';
import { submissionBench } from './submission.bench';

const BENCHES: Record<string, () => Promise<unknown>> = {
  submission: submissionBench,
  'inbox-dashboard': inboxDashboardBench,
  'open-cases': openCasesBench,
  'catch-up': catchUpBench,
};

async function main() {
  process.env.GOVSHARE_TEMPORAL_CLI ??= await ensureTemporalCli();
  process.env.TEST_MYSQL_URL ??= await ensureMariaDb();
  const only = process.argv.slice(2);
  for (const [name, run] of Object.entries(BENCHES)) {
    if (only.length && !only.includes(name)) continue;
    await run();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`bench failed: ${(err as Error).stack}`);
    process.exit(1);
  },
);
