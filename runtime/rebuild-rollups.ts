/**
 * `npm run rebuild-rollups`: counts the SLA dashboard's and the inbox's
 * rollups afresh from the tasks, their candidate groups and the requests,
 * after rows were written around the application (a bulk import, a restore, a
 * hand-made fix). The application keeps them up to date by itself otherwise,
 * and the rollup checks recount any that drifted (the open work's hourly, all
 * nightly).
 *
 * `npm run rebuild-rollups -- --check` changes nothing: it prints which
 * rollups differ from a fresh count and exits 1 if any do.
 */
import { createDb, type Db } from '../db/connection';
import { rebuildInboxRollup } from '../db/inbox-rollup-repository';
import { rollupDrift, ROLLUPS } from '../db/rollup-drift';
import { rebuildSlaRollups } from '../db/sla-rollup-repository';
import { loadConfigOrExit } from './config';

const say = (line: string) => process.stdout.write(`rebuild-rollups: ${line}\n`);

async function check(db: Db): Promise<number> {
  say(`comparing ${ROLLUPS.length} rollups with a fresh count…`);
  const drift = await rollupDrift(db);
  if (drift.length === 0) {
    say('every rollup agrees with a fresh count');
    return 0;
  }
  for (const d of drift) {
    say(`${d.table}: ${d.rows} row(s) differ, for example:`);
    for (const e of d.examples)
      say(
        `  ${JSON.stringify(e.key)} stored ${JSON.stringify(e.stored)}, counted ${JSON.stringify(e.counted)}`,
      );
  }
  say(
    'run `npm run rebuild-rollups` to recount them (the rollup checks do too: the open work hourly, all of them nightly)',
  );
  return 1;
}

async function rebuild(db: Db): Promise<number> {
  say('counting tasks and requests…');
  await rebuildSlaRollups(db);
  await rebuildInboxRollup(db);
  return 0;
}

if (require.main === module) {
  const unknown = process.argv.slice(2).filter((a) => a !== '--check');
  if (unknown.length) {
    process.stderr.write(
      `rebuild-rollups: unknown option ${unknown.join(' ')} (the one option is --check)\n`,
    );
    process.exit(2);
  }
  const config = loadConfigOrExit();
  const db = createDb(config.database);
  const started = Date.now();
  (process.argv.includes('--check') ? check(db) : rebuild(db))
    .then(async (code) => {
      say(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      await db.destroy();
      process.exit(code);
    })
    .catch(async (err) => {
      process.stderr.write(`rebuild-rollups failed: ${(err as Error).message}\n`);
      await db.destroy();
      process.exit(1);
    });
}
