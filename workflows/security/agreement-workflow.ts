/**
 * An agreement's life: a reminder to its department at `remindAt`, then its
 * expiry at the end of its last day. Both are durable timers, so a restart of
 * anything in between loses neither.
 *
 * Running agreements replay this code: keep the order of timers and
 * activities, or put a change behind `patched()`.
 */
import { proxyActivities, sleep } from '@temporalio/workflow';
import type { SecurityActivities } from '../../activities/security/agreement-activities';
import { ACTIVITY_OPTIONS } from '../cases/activities-proxy';
import type { AgreementStatus, AgreementTerms } from './contract';

const { remindOfAgreementExpiry, expireAgreement } = proxyActivities<SecurityActivities>(ACTIVITY_OPTIONS);

export async function securityAgreement(terms: AgreementTerms): Promise<AgreementStatus> {
  const untilReminder = Date.parse(terms.remindAt) - Date.now();
  if (untilReminder > 0) await sleep(untilReminder);
  await remindOfAgreementExpiry(terms);
  const untilEnd = Date.parse(terms.endsAt) - Date.now();
  if (untilEnd > 0) await sleep(untilEnd);
  await expireAgreement(terms);
  return 'expired';
}
