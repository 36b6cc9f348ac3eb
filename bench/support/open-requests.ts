/**
 * Fills the system with open conditional sharing requests through the API, as
 * requesters would (POST /api/requests, answered once each workflow has
 * started), and waits until each has its provider-review task in the inbox.
 */
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Db } from '../../db/connection';
import { ZONE } from '../../domain/calendar/working-days';
import type { BenchApi } from './bench-api';
import { measure } from './stats';

/** A conditional request for the social-security bureau's 社会保险参保信息 (RS-SB-001). */
export function conditionalRequestBody(purpose: string) {
  const today = DateTime.now().setZone(ZONE);
  return {
    resourceCode: 'RS-SB-001',
    items: ['参保状态'],
    purpose,
    usageFrom: today.toISODate(),
    usageTo: today.plus({ months: 1 }).toISODate(),
    answers: { scope: '10人', duty: '低保审核', security: '专人专机' },
  };
}

/** How many submitted requests may wait for the worker to open their review task. */
const BACKLOG = 300;

const openReviews = async (db: Db) =>
  Number((await db('tasks').where({ status: 'open', step: 'provider_review' }).count({ n: '*' }))[0].n);

/** Submits `count` requests (`concurrency` in flight) and waits until all their review tasks are open; returns the request ids. */
export async function openRequests(
  api: Pick<BenchApi, 'post'>,
  db: Db,
  opts: { count: number; concurrency: number; token: string; label: string },
): Promise<string[]> {
  const ids: string[] = [];
  const before = await openReviews(db);
  const every = Math.max(1, Math.floor(opts.count / 5));
  // Requests arrive as fast as the worker opens them, with at most `BACKLOG` waiting to be
  // routed: starting 10,000 workflows at once only measures the worker's cache thrashing.
  let opened = 0;
  let waiting: Promise<void> | null = null;
  const keepUp = async () => {
    while (ids.length - opened > BACKLOG) {
      await new Promise((r) => setTimeout(r, 200));
      opened = (await openReviews(db)) - before;
    }
  };
  await measure(opts.count, opts.concurrency, async (i) => {
    if (ids.length - opened > BACKLOG) await (waiting ??= keepUp().finally(() => (waiting = null)));
    const body = (await api.post('/api/requests', conditionalRequestBody(`${opts.label} ${i}`), opts.token, {
      'Idempotency-Key': randomUUID(),
      Prefer: 'respond-async',
    })) as { id: string };
    ids.push(body.id);
    if (ids.length % every === 0)
      process.stdout.write(`   ${opts.label}: ${ids.length}/${opts.count} submitted\n`);
  });
  let progressAt = Date.now();
  let printedAt = Date.now();
  for (let last = -1; ;) {
    const open = (await openReviews(db)) - before;
    if (open >= opts.count) break;
    if (open !== last) progressAt = Date.now();
    if (Date.now() - progressAt > 120_000)
      throw new Error(
        `${opts.label}: stuck at ${open}/${opts.count} review tasks for 2 minutes; is the worker running?`,
      );
    if (Date.now() - printedAt > 5_000) {
      process.stdout.write(`   ${opts.label}: ${open}/${opts.count} in the inbox\n`);
      printedAt = Date.now();
    }
    last = open;
    await new Promise((r) => setTimeout(r, 500));
  }
  return ids;
}
