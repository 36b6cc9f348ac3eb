/** Reference data every installation needs (calendar, default policy), and the demo directory. */
import type { Db } from '../db/connection';
import { seedCalendar } from './calendar-from-chinese-days';
import { seedDefaultPolicy } from './default-policy';
import { seedDemoCatalogue } from './demo-catalogue';
import { seedDemoDirectory } from './demo-directory';

export async function seedReferenceData(
  db: Db,
): Promise<{ calendarYearsAdded: number[]; policyKey: string }> {
  const calendarYearsAdded = await seedCalendar(db);
  const policyKey = await seedDefaultPolicy(db);
  return { calendarYearsAdded, policyKey };
}

export async function seedDemo(db: Db): Promise<void> {
  await seedDemoDirectory(db);
  await seedDemoCatalogue(db);
}
