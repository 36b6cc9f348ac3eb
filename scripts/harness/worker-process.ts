/** The production worker (runtime/worker.ts) as its own process, as a reliability test kills and restarts it. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

export function startWorkerProcess(opts: {
  temporalAddress: string;
  databaseUrl: string;
  taskQueue: string;
  env?: NodeJS.ProcessEnv;
}): ChildProcess {
  // Node itself with tsx's loader, not the tsx command: that would run the worker as a child of
  // its own, which a SIGKILL of the command would leave running.
  return spawn(process.execPath, ['--import', 'tsx', 'runtime/worker.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: opts.databaseUrl,
      TEMPORAL_ADDRESS: opts.temporalAddress,
      TEMPORAL_TASK_QUEUE: opts.taskQueue,
      LOG_LEVEL: process.env.WORKER_LOG_LEVEL ?? 'silent',
      ...opts.env,
    },
    // Its stderr says why it failed to start; the SDK's own progress lines would only be noise.
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
