/**
 * Runs jest in its own process with the servers' locations in its environment, and a temporary
 * folder of the run's own (scripts/harness/run-tmpdir.ts) removed when it ends; resolves with its
 * exit code.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { runTmpdir } from './harness/run-tmpdir';
import { ProvisionError, ROOT } from './provision';

export function runJest(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const jest = path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
  const tmp = runTmpdir();
  return new Promise<number>((resolve) => {
    const child = spawn(process.execPath, [jest, ...args], {
      cwd: ROOT,
      stdio: 'inherit',
      env: {
        ...process.env,
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
        ...env,
        TMPDIR: tmp.dir,
        // jest's own default (the temporary folder's jest_<uid>), kept across runs
        GOVSHARE_JEST_CACHE: path.join(os.tmpdir(), `jest_${(process.getuid?.() ?? 0).toString(36)}`),
      },
    });
    child.on('close', (code) => resolve(code ?? 1));
  }).finally(() => tmp.remove());
}

/** Exits with the run's code; a prerequisite that cannot be provisioned says what to install. */
export function exitWith(command: string, run: Promise<number>): void {
  run.then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(
        err instanceof ProvisionError
          ? `${command} cannot run: ${err.message}\n`
          : `${command} failed: ${(err as Error).stack}\n`,
      );
      process.exit(1);
    },
  );
}
