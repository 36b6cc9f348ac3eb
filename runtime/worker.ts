/** The worker process: runs workflows and activities from the task queue. Stateless; run as many as you like. */
import { Worker } from '@temporalio/worker';
import { createActivities } from '../activities';
import { createDb } from '../db/connection';
import { loadConfigOrExit } from './config';
import { createLogger } from './logger';
import { loadLogSigningKeyOrExit } from './log-signing-key';
import { configuredChannels, createNoticeDelivery } from './notice-delivery';
import { connectWorkerConnection } from './temporal-connection';
import { WORKFLOW_BUNDLER_OPTIONS, WORKFLOWS_PATH } from './workflow-bundle';
import { heapLimitMiB, workerNodeOptions } from './worker-heap';
import { workerTuning } from './worker-tuning';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel, 'govshare-worker');
  const db = createDb(config.database);
  const connection = await connectWorkerConnection(config.temporal);
  const key = loadLogSigningKeyOrExit(config.logSigningKey.file, config.logSigningKey);
  const worker = await Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    workflowsPath: WORKFLOWS_PATH,
    bundlerOptions: WORKFLOW_BUNDLER_OPTIONS,
    activities: createActivities(db, () => key),
    ...workerTuning(config.worker),
  });
  const heapLimit = heapLimitMiB();
  logger.info(
    {
      taskQueue: config.temporal.taskQueue,
      namespace: config.temporal.namespace,
      ...config.worker,
      heapLimitMiB: heapLimit,
    },
    'worker started',
  );
  // Young generation and code space add a little to the cap; far above it, nobody set the cap.
  if (heapLimit > config.worker.heapMiB + 128)
    logger.warn(
      `the worker's heap limit is ${heapLimit} MiB, not WORKER_HEAP_MIB=${config.worker.heapMiB}: start it with NODE_OPTIONS="${workerNodeOptions(config.worker.heapMiB, '')}" to keep its memory flat`,
    );
  // Notices go out from the worker too, on the channels configured: every worker may take part.
  const channels = configuredChannels(config.notices);
  const delivery = channels.length
    ? createNoticeDelivery({ db, logger, channels, publicUrl: config.notices.publicUrl })
    : undefined;
  delivery?.start();
  await worker.run(); // returns after SIGINT/SIGTERM, once in-flight tasks finish
  await delivery?.stop();
  await connection.close();
  await db.destroy();
  logger.info('worker stopped');
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`worker failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
}
