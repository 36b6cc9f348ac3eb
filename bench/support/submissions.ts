/**
 * The submission the submission benchmarks make: a conditional request for HR & social
 * security's insurance data, over HTTP, each with a new Idempotency-Key.
 */
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { ZONE } from '../../domain/calendar/working-days';

/** What a submission answers: the request, and the task routing opened (null while it routes). */
export interface Submitted {
  id: string;
  currentTask: { id: string; step: string } | null;
}

export interface Submitters {
  /** Answered once the workflow has started (`Prefer: respond-async`, 202). */
  submit(): Promise<Submitted>;
  /** The app's default: also waits until the workflow has routed the request and opened its first task (201). */
  submitAndWait(): Promise<Submitted>;
}

export function submitters(base: string, token: string): Submitters {
  const today = DateTime.now().setZone(ZONE);
  const body = JSON.stringify({
    resourceCode: 'RS-SB-001',
    items: ['参保状态'],
    purpose: '基准测试',
    usageFrom: today.toISODate(),
    usageTo: today.plus({ months: 1 }).toISODate(),
    answers: { scope: '10人', duty: '低保审核', security: '专人专机' },
  });
  const post = (prefer?: string) => async (): Promise<Submitted> => {
    const res = await fetch(`${base}/api/requests`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${token}`,
        'Idempotency-Key': randomUUID(),
        ...(prefer ? { Prefer: prefer } : {}),
      },
      body,
    });
    if (res.status !== (prefer ? 202 : 201))
      throw new Error(`submission answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as Submitted;
  };
  return { submit: post('respond-async'), submitAndWait: post() };
}
