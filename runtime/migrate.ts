/**
 * `npm run migrate [-- --demo]`: brings the database schema up to date and seeds reference data
 * (calendar, policy); with BOOTSTRAP_ADMIN, makes the first administrator. Demo departments,
 * people and resources only with --demo: a city's database starts with its own directory.
 */
import { createDb, type Db } from '../db/connection';
import { ensureDatabaseExists } from '../db/ensure-database';
import { migrateLatest } from '../migrations';
import { seedDemo, seedReferenceData } from '../seeds';
import type { CalendarDataSet } from '../seeds/calendar-from-chinese-days';
import { bootstrapAdmin } from './bootstrap-admin';
import { loadConfigOrExit, type Config } from './config';

export async function prepareDatabase(
  db: Db,
  opts: {
    demo: boolean;
    log?: (line: string) => void;
    calendar?: CalendarDataSet;
    bootstrapAdmin?: Config['bootstrapAdmin'];
  },
): Promise<void> {
  const log = opts.log ?? (() => undefined);
  await migrateLatest(db);
  log('schema up to date');
  const { calendarYearsAdded, policyKey } = await seedReferenceData(db, opts.calendar);
  if (calendarYearsAdded.length)
    log(`calendar seeded for ${calendarYearsAdded[0]}–${calendarYearsAdded[calendarYearsAdded.length - 1]}`);
  log(`policy ${policyKey} registered`);
  if (opts.demo) {
    await seedDemo(db);
    log('demo departments and users seeded');
  }
  if (opts.bootstrapAdmin) {
    const outcome = await bootstrapAdmin(db, opts.bootstrapAdmin);
    const who = opts.bootstrapAdmin.username;
    log(
      outcome === 'created'
        ? `administrator ${who} created (department ${opts.bootstrapAdmin.department})`
        : outcome === 'promoted'
          ? `${who} is now an administrator`
          : `${who} is already an administrator`,
    );
  }
}

if (require.main === module) {
  const config = loadConfigOrExit();
  const db = createDb(config.database);
  ensureDatabaseExists(config.database)
    .then(() =>
      prepareDatabase(db, {
        demo: process.argv.includes('--demo'),
        bootstrapAdmin: config.bootstrapAdmin,
        log: (l) => process.stdout.write(`migrate: ${l}\n`),
      }),
    )
    .then(() => db.destroy())
    .catch(async (err) => {
      process.stderr.write(`migrate failed: ${(err as Error).message}\n`);
      await db.destroy();
      process.exit(1);
    });
}
