/**
 * The API process: serves the express app on HOST:PORT (loopback by default under dev sign-in).
 * Stateless; run as many as you like behind a load balancer.
 */
import { createApp } from '../api/app';
import { createTemporalGateway } from '../api/temporal/temporal-gateway';
import { createDb } from '../db/connection';
import { isLoopback, loadConfigOrExit } from './config';
import { createLogger } from './logger';
import { ensureLogCheckpointSchedule } from './log-checkpoint-schedule';
import { loadLogSigningKeyOrExit } from './log-signing-key';
import { ensureRollupCheckSchedules } from './rollup-check-schedule';
import { connectClient } from './temporal-connection';
import { reportMissingTaskHolders } from './task-holders-report';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel, 'govshare-api');
  loadLogSigningKeyOrExit(config.logSigningKey.file, config.logSigningKey); // checked now, not at the first verify
  const db = createDb(config.database);
  const client = await connectClient(config.temporal);
  const app = createApp({
    config,
    db,
    temporal: createTemporalGateway(client, config.temporal.taskQueue, config.temporal.callTimeoutMs),
    logger,
  });
  // The daily signing of the logs and the rollup checks; the API serves without them, but says so.
  for (const [what, ensure] of [
    ['log checkpoint', ensureLogCheckpointSchedule],
    ['rollup check', ensureRollupCheckSchedules],
  ] as const)
    ensure(client, config.temporal.taskQueue).then(
      (state) => logger.info({ schedule: state }, `${what} schedule`),
      (err: Error) => logger.warn({ err: err.message }, `could not make the ${what} schedule`),
    );
  reportMissingTaskHolders(db, logger).catch((err: Error) =>
    logger.warn({ err: err.message }, 'could not check who holds each task'),
  );
  if (config.auth.mode === 'dev' && !isLoopback(config.host)) {
    const warning = `WARNING: dev sign-in is reachable from the network on ${config.host}:${config.port}: anyone who reaches it can sign in as any user, admin included. Use it only on a network you trust, or set AUTH_MODE=oidc.`;
    process.stderr.write(`\n${'!'.repeat(78)}\n${warning}\n${'!'.repeat(78)}\n\n`);
    logger.warn({ host: config.host, port: config.port }, warning);
  }
  const server = app.listen(config.port, config.host, () =>
    logger.info({ host: config.host, port: config.port }, 'API listening'),
  );
  server.on('error', (err) => {
    process.stderr.write(`API could not listen on ${config.host}:${config.port}: ${err.message}\n`);
    process.exit(1);
  });
  const stop = () => {
    logger.info('API stopping');
    server.close(async () => {
      await client.connection.close();
      await db.destroy();
      process.exit(0);
    });
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`API failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
}
