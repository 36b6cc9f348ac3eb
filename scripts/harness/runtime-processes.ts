/**
 * govshare's production processes (runtime/worker.ts, runtime/api-server.ts) started as processes
 * of their own, as a reliability test kills and restarts a worker and a benchmark measures them
 * apart from its load generator.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { parseConfig } from '../../runtime/config';
import { workerNodeOptions } from '../../runtime/worker-heap';
import { tracking } from './leftovers';

const ROOT = path.resolve(__dirname, '..', '..');

interface RuntimeOptions {
  temporalAddress: string;
  databaseUrl: string;
  taskQueue: string;
  env?: NodeJS.ProcessEnv;
}

/** The environment a runtime process starts with: this one's, pointed at the test's servers. */
function runtimeEnv(opts: RuntimeOptions, logLevel: string | undefined): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: opts.databaseUrl,
    TEMPORAL_ADDRESS: opts.temporalAddress,
    TEMPORAL_TASK_QUEUE: opts.taskQueue,
    LOG_LEVEL: logLevel ?? 'silent',
    ...opts.env,
  };
}

function startRuntime(script: string, env: NodeJS.ProcessEnv): ChildProcess {
  // Node itself with tsx's loader, not the tsx command: that would run the script as a child of
  // its own, which a SIGKILL of the command would leave running.
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT,
    env,
    // Its stderr says why it failed to start; the SDK's own progress lines would only be noise.
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const stop = tracking(`${script} (pid ${child.pid})`, async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  });
  child.once('exit', () => void stop());
  return child;
}

/**
 * A worker with its heap capped as production caps it (runtime/worker-heap.ts), at the
 * WORKER_HEAP_MIB of the environment it starts with.
 */
export function startWorkerProcess(opts: RuntimeOptions): ChildProcess {
  const env = runtimeEnv(opts, process.env.WORKER_LOG_LEVEL);
  const heapMiB = parseConfig(env).worker.heapMiB;
  return startRuntime('runtime/worker.ts', {
    ...env,
    NODE_OPTIONS: workerNodeOptions(heapMiB, env.NODE_OPTIONS),
  });
}

/** The API on 127.0.0.1:`port`, with dev sign-in (NODE_ENV=test); ready once `/healthz` answers. */
export function startApiProcess(opts: RuntimeOptions & { port: number }): ChildProcess {
  return startRuntime(
    'runtime/api-server.ts',
    runtimeEnv({ ...opts, env: { PORT: String(opts.port), ...opts.env } }, undefined),
  );
}
