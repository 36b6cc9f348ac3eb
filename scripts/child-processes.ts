/**
 * The processes `npm start` and `npm run cluster` run: each started with its output
 * shown, any of them exiting unexpectedly stops them all, and Ctrl-C stops them
 * cleanly in reverse order (SIGTERM, then SIGKILL after 10 s).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { ROOT } from './provision';
import { stopChild } from './stop-child';

const say = (line: string) => process.stdout.write(`govshare: ${line}\n`);

export async function waitUntil(what: string, probe: () => Promise<boolean>, seconds: number): Promise<void> {
  for (let i = 0; i < seconds * 4; i += 1) {
    if (await probe().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not come up within ${seconds} s`);
}

export class ChildProcesses {
  private readonly children: { name: string; proc: ChildProcess }[] = [];
  private stopping = false;

  /** Ctrl-C and SIGTERM stop every child; `cleanUp` runs after them (e.g. stopping a cluster). */
  constructor(private readonly cleanUp: () => Promise<void> = async () => undefined) {
    process.once('SIGINT', () => void this.stopAll(0));
    process.once('SIGTERM', () => void this.stopAll(0));
  }

  start(name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
    const proc = spawn(cmd, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    this.children.push({ name, proc });
    proc.on('exit', (code, signal) => {
      if (!this.stopping) {
        say(`${name} exited unexpectedly (${signal ?? `code ${code}`}); stopping everything`);
        void this.stopAll(1);
      }
    });
    return proc;
  }

  async stopAll(exitCode: number): Promise<never> {
    if (!this.stopping) {
      this.stopping = true;
      for (const { name, proc } of [...this.children].reverse()) {
        if (!(await stopChild(proc))) say(`${name} did not stop in 10 s; it was killed`);
      }
      await this.cleanUp().catch((err: unknown) => say(`stopping: ${(err as Error).message}`));
    }
    process.exit(exitCode);
  }
}
