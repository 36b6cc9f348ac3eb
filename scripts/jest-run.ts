/** Runs jest in its own process with the servers' locations in its environment; resolves with its exit code. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ProvisionError, ROOT } from './provision';

export function runJest(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const jest = path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [jest, ...args], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent', ...env },
    });
    child.on('close', (code) => resolve(code ?? 1));
  });
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
