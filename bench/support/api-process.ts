/**
 * The govshare API as a process of its own (runtime/api-server.ts) on a free port, as production
 * runs it, so a benchmark's load generator does not share the API's thread. Ready once `/healthz`
 * answers; called over HTTP.
 */
import { waitUntil } from '../../scripts/child-processes';
import { freePort } from '../../scripts/harness/free-port';
import { startApiProcess } from '../../scripts/harness/runtime-processes';
import { stopChild } from '../../scripts/stop-child';
import { apiAt, type BenchApi } from './bench-api';
import { temporarySigningKey } from './signing-key';

type Runtime = Omit<Parameters<typeof startApiProcess>[0], 'port'>;

export interface BenchApiProcess {
  api: Omit<BenchApi, 'close'>;
  /** Stops the process (scripts/stop-child.ts) and waits until it has exited. */
  stop(): Promise<void>;
}

export async function startBenchApiProcess(runtime: Runtime): Promise<BenchApiProcess> {
  const key = runtime.env?.AUDIT_SIGNING_KEY ? undefined : temporarySigningKey();
  const port = await freePort();
  const child = startApiProcess({
    ...runtime,
    port,
    env: { ...(key ? { AUDIT_SIGNING_KEY: key.file } : {}), ...runtime.env },
  });
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopChild(child);
    key?.remove();
  };
  try {
    await waitUntil('The govshare API', async () => (await fetch(`${base}/healthz`)).ok, 120);
  } catch (err) {
    await stop();
    throw err;
  }
  return { api: apiAt(base), stop };
}
