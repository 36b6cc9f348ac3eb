/** Reference data every installation needs (calendar, default policy), and the demo directory. */
import type { Db } from '../db/connection';
import { seedCalendar, type CalendarDataSet } from './calendar-from-chinese-days';
import { seedDefaultPolicy } from './default-policy';
import { seedDemoCatalogue } from './demo-catalogue';
import { seedDemoDirectory } from './demo-directory';

/** `calendar`: the working-day calendar to seed (default: the official schedules chinese-days carries). */
export async function seedReferenceData(
  db: Db,
  calendar?: CalendarDataSet,
): Promise<{ calendarYearsAdded: number[]; policyKey: string }> {
  const calendarYearsAdded = await seedCalendar(db, calendar);
  const policyKey = await seedDefaultPolicy(db);
  return { calendarYearsAdded, policyKey };
}

export async function seedDemo(db: Db): Promise<void> {
  await seedDemoDirectory(db);
  await seedDemoCatalogue(db);
}
