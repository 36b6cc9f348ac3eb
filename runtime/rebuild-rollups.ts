/**
 * `npm run rebuild-rollups`: counts the SLA dashboard's and the inbox's
 * rollups afresh from the tasks, their candidate groups and the requests,
 * after rows were written around the application (a bulk import, a restore, a
 * hand-made fix). The application keeps them up to date by itself otherwise.
 */
import { createDb } from '../db/connection';
import { rebuildInboxRollup } from '../db/inbox-rollup-repository';
import { rebuildSlaRollups } from '../db/sla-rollup-repository';
import { loadConfigOrExit } from './config';

if (require.main === module) {
  const config = loadConfigOrExit();
  const db = createDb(config.database);
  const started = Date.now();
  process.stdout.write('rebuild-rollups: counting tasks and requests…\n');
  rebuildSlaRollups(db)
    .then(() => rebuildInboxRollup(db))
    .then(async () => {
      process.stdout.write(`rebuild-rollups: done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
      await db.destroy();
    })
    .catch(async (err) => {
      process.stderr.write(`rebuild-rollups failed: ${(err as Error).message}\n`);
      await db.destroy();
      process.exit(1);
    });
}
