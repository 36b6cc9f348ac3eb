/**
 * `npm run bench`: provisions the servers as `npm test` does, then runs each
 * benchmark, printing its table with the target beside it and writing JSON
 * under bench/results/. `npm run bench -- submission` runs one; `cluster-submission`,
 * `peer`, `cluster-open-cases` and `cluster-catch-up` run on a real Temporal cluster (scripts/harness/temporal-cluster), the
 * peer against Flowable (bench/peer/flowable).
 */
import {
  ensureMariaDb,
  ensurePostgres,
  ensureTemporalCli,
  ensureTemporalServer,
  postgresUrl,
} from '../scripts/provision';
import { tracking, undoOnInterrupt } from '../scripts/harness/leftovers';
import { runTmpdir } from '../scripts/harness/run-tmpdir';
import { catchUpBench } from './catch-up.bench';
import { clusterCatchUpBench } from './cluster-catch-up.bench';
import { clusterOpenCasesBench } from './cluster-open-cases.bench';
import { clusterSubmissionBench } from './cluster-submission.bench';
import { inboxDashboardBench } from './inbox-dashboard.bench';
import { openCasesBench } from './open-cases.bench';
import { peerBench } from './peer.bench';
import { submissionBench } from './submission.bench';

const BENCHES: Record<string, () => Promise<unknown>> = {
  submission: submissionBench,
  'inbox-dashboard': inboxDashboardBench,
  'open-cases': openCasesBench,
  'catch-up': catchUpBench,
  'cluster-submission': clusterSubmissionBench,
  peer: peerBench,
  'cluster-open-cases': clusterOpenCasesBench,
  'cluster-catch-up': clusterCatchUpBench,
};
/** The benchmarks that run govshare on a real Temporal cluster. */
const ON_CLUSTER = new Set(['cluster-submission', 'cluster-open-cases', 'cluster-catch-up', 'peer']);

/** What the cluster benchmarks need beyond the dev server: the Temporal server, its SQL tool, PostgreSQL. */
async function provisionCluster(): Promise<void> {
  const [tools, pg] = [await ensureTemporalServer(), await ensurePostgres()];
  process.env.GOVSHARE_TEMPORAL_SERVER ??= tools.server;
  process.env.GOVSHARE_TEMPORAL_SQL_TOOL ??= tools.sqlTool;
  process.env.TEST_POSTGRES_URL ??= postgresUrl(pg);
}

async function main() {
  undoOnInterrupt('bench'); // Ctrl-C midway leaves no database, cluster or process behind
  // The run's temporary files (log-signing keys, certificates, servers' data) in a folder of its own.
  const tmp = runTmpdir();
  process.env.TMPDIR = tmp.dir;
  const removeTmp = tracking('the run folder', async () => tmp.remove());
  process.env.GOVSHARE_TEMPORAL_CLI ??= await ensureTemporalCli();
  process.env.TEST_MYSQL_URL ??= await ensureMariaDb();
  const only = process.argv.slice(2);
  if (only.length === 0 || only.some((name) => ON_CLUSTER.has(name))) await provisionCluster();
  for (const [name, run] of Object.entries(BENCHES)) {
    if (only.length && !only.includes(name)) continue;
    await run();
  }
  await removeTmp();
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`bench failed: ${(err as Error).stack}`);
    process.exit(1);
  },
);
