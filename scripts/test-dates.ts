/**
 * `npm run test:dates`: the whole suite again with the clock set to other
 * dates (by default 5 January and 2 October 2027: past the last year the
 * packaged calendar knows, and past that year's National Day), so a test that
 * reads today's date against the calendar's horizon fails here, not on the day
 * it comes. Debian's faketime sets the clock of every process the tests start
 * (Node, the Java time-skipping server, MariaDB).
 *
 * It cannot set the clock of the Temporal dev server: a Go binary reads the
 * clock without the C library libfaketime replaces. Tests that compare the dev
 * server's workflow clock with the API's are left out of these runs (they run
 * in `npm test` on the real date); each is named below with why. The suites
 * run one at a time.
 *
 *   npm run test:dates                     # both dates
 *   TEST_DATES="2031-12-31 10:00:00" npm run test:dates -- test/sla
 */
import { spawn } from 'node:child_process';
import { ensureFaketime, ProvisionError, ROOT } from './provision';

const DATES = (process.env.TEST_DATES ?? '2027-01-05 10:00:00,2027-10-02 10:00:00')
  .split(',')
  .map((d) => d.trim());

/** The heap of the process that runs the suites (MiB): a CI machine here has 24 GiB. */
const HEAP_MB = 8192;

/**
 * Jest replaces its one worker with a fresh process once the worker's heap holds more than this
 * after a suite: a suite leaves 30–60 MB behind, so a worker runs about fifteen. In one process
 * the suites ran slower and slower (a suite took 1.15 times its `npm test` time in the last
 * quarter, 0.65 times in the first), until two of the last suites timed out at 2027-01-05.
 */
const WORKER_MEMORY_LIMIT = '1GB';

/** Suites that compare the dev server's clock with the API's: the whole file. */
const SPLIT_CLOCK_SUITES = [
  // Waits out a one-minute deadline in real time on the dev server and checks each instant against Node's clock.
  'test/sla/catch-up.test.ts',
  // Orders fixture tasks stamped with Node's clock among tasks the workflows open on the dev server's clock.
  'test/api/tasks-api.test.ts',
  // Buckets the week by Node's "now", decisions by the workflows' clock.
  'test/api/dashboard-api.test.ts',
  // Its last step reads the dashboard (the same split); the other browser suites run.
  'test/browser/sharing-request.browser.test.ts',
];
/** Single tests of the same kind (their deadline is counted from the API's instant and from the workflow's). */
const SPLIT_CLOCK_TESTS = [
  'routes a conditional resource to the provider with its 10-working-day deadline',
  'files a report in time, the provider replies with an explanation',
  // The API sets the reminder instant by its clock; the agreement's workflow waits for it by the dev server's.
  'records an agreement that reminds its department before it expires, from the policy',
  // The API dates the late reform's period by its clock; the workflow breaches it by the dev server's,
  // which has not reached a period that ended before a faked later date.
  'accepts a reform registered after its update period has ended',
  // The working days left are counted from the API's today to a deadline the workflow set by the dev server's.
  'says what to do on each row, counts and searches, approves alike tasks in one go, and lists 已办',
];

function runAt(faketime: string, date: string, jestArgs: string[]): Promise<number> {
  const exclude = SPLIT_CLOCK_TESTS.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const args = [
    date,
    process.execPath,
    require.resolve('tsx/cli'),
    'scripts/test.ts',
    `--testPathIgnorePatterns=${SPLIT_CLOCK_SUITES.join('|')}`,
    `--testNamePattern=^(?!.*(${exclude})).*$`,
    // One suite at a time: libfaketime stands in every clock read of every process, and the
    // concurrency suites then need the headroom they have on the real clock.
    '--maxWorkers=1',
    // With a memory limit jest runs the suites in a worker it can replace, not in its own process.
    `--workerIdleMemoryLimit=${WORKER_MEMORY_LIMIT}`,
    // Each suite's heap beside its time, so a run that grows shows where.
    '--logHeapUsage',
    ...jestArgs,
  ];
  process.stdout.write(`test:dates: the suite with the clock at ${date}\n`);
  return new Promise((resolve) => {
    const child = spawn(faketime, args, {
      cwd: ROOT,
      stdio: 'inherit',
      // Past ~100 suites in one process Node's default heap ran out (an OOM abort after the last
      // summary, at 2027-01-05); a worker is now replaced well before, the limit stays as headroom.
      env: {
        ...process.env,
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=${HEAP_MB}`.trim(),
      },
    });
    child.on('close', (code) => resolve(code ?? 1));
  });
}

async function main(): Promise<number> {
  const faketime = await ensureFaketime();
  const failed: string[] = [];
  for (const date of DATES) if ((await runAt(faketime, date, process.argv.slice(2))) !== 0) failed.push(date);
  process.stdout.write(
    failed.length
      ? `test:dates: failed with the clock at ${failed.join(' and ')}\n`
      : `test:dates: passed with the clock at ${DATES.join(' and ')}\n`,
  );
  return failed.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(
      err instanceof ProvisionError ? `test:dates cannot run: ${err.message}\n` : `${(err as Error).stack}\n`,
    );
    process.exit(1);
  },
);
