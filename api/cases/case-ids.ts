/** Case ids a person can read out: a prefix, the local date and six random characters, e.g. SR-20261124-7K3M9Q. */
import { randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import { ZONE } from '../../domain/calendar/working-days';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `prefix`: the process's, from its contract (e.g. SHARING_REQUEST_ID_PREFIX). */
export function newCaseId(prefix: string, now: Date): string {
  const day = DateTime.fromJSDate(now).setZone(ZONE).toFormat('yyyyLLdd');
  return `${prefix}-${day}-${[...randomBytes(6)].map((b) => CROCKFORD[b % 32]).join('')}`;
}
