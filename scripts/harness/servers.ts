/**
 * Real Temporal servers for tests, started through @temporalio/testing with the
 * binaries scripts/provision made (`existing-path`; the SDK's own download
 * cannot work here). A missing binary fails the test with what to run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { defineSearchAttributeKey, type SearchAttributeType } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import searchAttributes from '../../temporal-config/search-attributes.json';
import { tracking } from './leftovers';

const ROOT = path.resolve(__dirname, '..', '..');

let runtimeInstalled = false;
/** Worker and SDK logs at WARN, so test output shows what matters. */
function quietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // already installed in this test process
  }
}

function required(file: string | undefined, fallback: string, what: string): string {
  const found = file ?? fallback;
  if (!fs.existsSync(found)) {
    throw new Error(`${what} not found at ${found}. Run the tests with 'npm test', which provisions it.`);
  }
  return found;
}

export function temporalCliPath(): string {
  return required(
    process.env.GOVSHARE_TEMPORAL_CLI,
    path.join(ROOT, '.tools', 'bin', 'temporal'),
    'The Temporal CLI',
  );
}

export function testServerPath(): string {
  required(undefined, path.join(ROOT, '.tools', 'test-server', 'lib'), 'The Temporal test server');
  return required(
    process.env.GOVSHARE_TEST_SERVER,
    path.join(ROOT, 'temporal-config', 'test-server', 'test-server.sh'),
    'The test server wrapper',
  );
}

/** govshare's search-attribute types (search-attributes.json) as the operator API names them. */
export const INDEXED_VALUE_TYPE: Record<string, temporal.api.enums.v1.IndexedValueType> = {
  Keyword: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  Datetime: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
};

/**
 * The SDK gives the test server 5 s to answer, and a JVM starting on a loaded two-core
 * machine (two test files at once, beside MariaDB and the dev servers) sometimes takes
 * longer: such a start is tried again, up to three times in all. Any other failure, or a
 * third slow start, fails as it is.
 */
async function startingJvm<T>(start: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (err) {
      if (attempt >= 3 || !/did not start within/.test(String(err))) throw err;
      process.stderr.write(`time-skipping server: slow start (attempt ${attempt}), trying again\n`);
    }
  }
}

/**
 * The Java time-skipping server: timers of days run in milliseconds. It has no
 * flag for search attributes, so govshare's are registered through its operator API.
 */
export async function startTimeSkippingServer(): Promise<TestWorkflowEnvironment> {
  quietRuntime();
  const env = await startingJvm(() =>
    TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: testServerPath() } },
    }),
  );
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(
      searchAttributes.attributes.map((a) => [a.name, INDEXED_VALUE_TYPE[a.type]]),
    ),
  });
  return env;
}

/** The Temporal dev server, in memory, with govshare's search attributes registered. */
export async function startDevServer(): Promise<TestWorkflowEnvironment> {
  quietRuntime();
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: temporalCliPath() },
      searchAttributes: searchAttributes.attributes.map((a) =>
        defineSearchAttributeKey(a.name, a.type.toUpperCase() as SearchAttributeType),
      ),
      log: { format: 'pretty', level: 'error' },
    },
  });
  // A run stopped midway (Ctrl-C on `npm run bench`) stops the server too, instead of leaving it running.
  const stop = env.teardown.bind(env);
  return Object.assign(env, { teardown: tracking('the Temporal dev server', stop) });
}
