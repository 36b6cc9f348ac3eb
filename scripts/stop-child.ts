/**
 * Stops a child process as every script, harness and benchmark here does: a signal (SIGTERM), then
 * SIGKILL if it has not exited within the grace period. Resolves once it has exited, with whether
 * it stopped by itself.
 */
import type { ChildProcess } from 'node:child_process';

export async function stopChild(
  child: ChildProcess,
  { graceMs = 10_000, signal = 'SIGTERM' }: { graceMs?: number; signal?: NodeJS.Signals } = {},
): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return true;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  let timer: NodeJS.Timeout | undefined;
  const stopped = await Promise.race([
    exited.then(() => true),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), graceMs))),
  ]);
  clearTimeout(timer);
  if (!stopped) {
    child.kill('SIGKILL');
    await exited;
  }
  return stopped;
}
