/** Today's date where the platform runs its calendar, Asia/Shanghai, as yyyy-MM-dd: the day the API checks dates against. */
import { DateTime } from 'luxon';
import { ZONE } from '../../domain/calendar/working-days';

export const localToday = (): string => DateTime.now().setZone(ZONE).toISODate() as string;
