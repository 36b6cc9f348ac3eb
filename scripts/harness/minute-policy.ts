/**
 * The default policy with the provider's review due in minutes, for tests and
 * benchmarks that let deadlines pass in real time: a reminder a minute before,
 * the art. 22 escalation at the deadline and the LG office a minute after. In
 * force from today, for cases started from now on.
 */
import { DateTime } from 'luxon';
import { ZONE } from '../../domain/calendar/working-days';
import type { PolicyDocument } from '../../domain/policy/policy-document';
import { DEFAULT_POLICY_FILE, loadPolicyFile } from '../../seeds/default-policy';

export function minutePolicy(minutes: number): PolicyDocument {
  const doc = structuredClone(loadPolicyFile(DEFAULT_POLICY_FILE));
  doc.version = 9000 + minutes;
  doc.effectiveFrom = DateTime.now().setZone(ZONE).toISODate()!;
  const step = doc.processes.sharing_request.steps.provider_review;
  step.deadline = { minutes };
  step.reminders = [{ before: { minutes: 1 } }];
  step.escalation = step.escalation.map((level, i) => ({ ...level, after: { minutes: i } }));
  return doc;
}

/**
 * How long after its deadline the last escalation of a provider review under `minutePolicy`
 * falls, in ms (level i comes i minutes after it): what an outage must outlast for a task to
 * have nothing left to record.
 */
export function lastEscalationAfterMs(doc: PolicyDocument): number {
  const minutes = doc.processes.sharing_request.steps.provider_review.escalation.map(({ after }) => {
    if (!('minutes' in after)) throw new Error('not a minutePolicy: an escalation is not set in minutes');
    return after.minutes;
  });
  return Math.max(0, ...minutes) * 60_000;
}
