/** A worker running workflows with govshare's real activities on a test database, bundled as production bundles them, until stopped. */
import { Worker, type NativeConnection } from '@temporalio/worker';
import { createActivities } from '../../activities';
import type { Db } from '../../db/connection';
import type { LogSigningKey } from '../../runtime/log-signing-key';
import { WORKFLOW_BUNDLER_OPTIONS } from '../../runtime/workflow-bundle';

export async function runWorker(opts: {
  connection: NativeConnection;
  taskQueue: string;
  workflowsPath: string;
  db: Db;
  /** The key that signs log checkpoints, when the test signs any. */
  signingKey?: () => LogSigningKey;
}): Promise<{ stop(): Promise<void> }> {
  const worker = await Worker.create({
    connection: opts.connection,
    taskQueue: opts.taskQueue,
    workflowsPath: opts.workflowsPath,
    bundlerOptions: WORKFLOW_BUNDLER_OPTIONS,
    activities: createActivities(opts.db, opts.signingKey),
  });
  const running = worker.run();
  return {
    async stop() {
      worker.shutdown();
      await running;
    },
  };
}
